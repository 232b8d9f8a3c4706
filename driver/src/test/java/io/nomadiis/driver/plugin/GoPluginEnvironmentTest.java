package io.nomadiis.driver.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GoPluginEnvironmentTest {

    private static Map<String, String> nomad() {
        Map<String, String> env = new HashMap<>();
        env.put(GoPluginEnvironment.COOKIE_KEY, GoPluginEnvironment.COOKIE_VALUE);
        env.put("PLUGIN_PROTOCOL_VERSIONS", "2");
        env.put("PLUGIN_MIN_PORT", "10000");
        env.put("PLUGIN_MAX_PORT", "25000");
        return env;
    }

    @Test
    void read_nomadEnvironment_portRange() throws Exception {
        GoPluginEnvironment env = GoPluginEnvironment.read(nomad());
        assertThat(env.hasPortRange()).isTrue();
        assertThat(env.minPort()).isEqualTo(10000);
        assertThat(env.maxPort()).isEqualTo(25000);
    }

    @Test
    void read_missingCookie_exit1WithExplanation() {
        Map<String, String> env = nomad();
        env.remove(GoPluginEnvironment.COOKIE_KEY);
        assertThatThrownBy(() -> GoPluginEnvironment.read(env))
                .isInstanceOfSatisfying(
                        PluginLaunchException.class,
                        e -> assertThat(e.exitCode()).isEqualTo(1))
                .hasMessageContaining("plugin for HashiCorp Nomad")
                .hasMessageContaining("plugin_dir");
    }

    @Test
    void read_protocolListWithoutTwo_refused() {
        Map<String, String> env = nomad();
        env.put("PLUGIN_PROTOCOL_VERSIONS", "1,3");
        assertThatThrownBy(() -> GoPluginEnvironment.read(env)).hasMessageContaining("\"1,3\"");
        env.put("PLUGIN_PROTOCOL_VERSIONS", "1, 2");
        org.assertj.core.api.Assertions.assertThatCode(() -> GoPluginEnvironment.read(env))
                .doesNotThrowAnyException();
    }

    @Test
    void read_badPort_namesVariable() {
        Map<String, String> env = nomad();
        env.put("PLUGIN_MIN_PORT", "ten");
        assertThatThrownBy(() -> GoPluginEnvironment.read(env)).hasMessageContaining("PLUGIN_MIN_PORT=\"ten\"");
    }

    @Test
    void candidates_range_everyPortOnceWithinRange() {
        ListenPorts ports = new ListenPorts(-1, 10000, 10009);
        assertThat(ports.candidates()).hasSize(10).doesNotHaveDuplicates().allMatch(p -> p >= 10000 && p <= 10009);
    }

    @Test
    void candidates_fixedPortOrNoRange_singleChoice() {
        assertThat(new ListenPorts(5003, 10000, 25000).candidates()).containsExactly(5003);
        assertThat(new ListenPorts(-1, 0, 0).candidates()).containsExactly(0);
        assertThat(new ListenPorts(-1, 10000, 25000).candidates()).hasSize(ListenPorts.MAX_ATTEMPTS);
    }
}
