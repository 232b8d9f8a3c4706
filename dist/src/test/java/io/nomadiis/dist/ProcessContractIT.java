package io.nomadiis.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.nomadiis.proto.drivers.ShutdownRequest;
import io.nomadiis.proto.goplugin.Empty;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** How the packaged binary behaves as a process: cookie, protocol version, CLI, signals, shutdown. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ProcessContractIT {

    private static final String SENTENCE = "This binary is a plugin for HashiCorp Nomad";

    @Test
    void launch_withoutCookie_exits1WithSentence() throws Exception {
        PluginProcess.Finished run = PluginProcess.run(List.of(), Map.of());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr()).contains(SENTENCE).contains("plugin_dir");
        assertThat(run.stdout()).isEmpty();
    }

    @Test
    void launch_wrongCookie_exits1WithSentence() throws Exception {
        Map<String, String> env = new HashMap<>(PluginProcess.nomadEnvironment());
        env.put("NOMAD_PLUGIN_MAGIC_COOKIE", "not-the-cookie");
        PluginProcess.Finished run = PluginProcess.run(List.of(), env);
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr()).contains(SENTENCE);
        assertThat(run.stdout()).isEmpty();
    }

    @Test
    void launch_protocolVersionOneOnly_exits1NamingTheVersions() throws Exception {
        Map<String, String> env = new HashMap<>(PluginProcess.nomadEnvironment());
        env.put("PLUGIN_PROTOCOL_VERSIONS", "1");
        PluginProcess.Finished run = PluginProcess.run(List.of(), env);
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr()).contains("protocol version 2").contains("PLUGIN_PROTOCOL_VERSIONS=\"1\"");
        assertThat(run.stdout()).isEmpty();
    }

    @Test
    void launch_protocolVersionsListContainingTwo_handshakes() throws Exception {
        try (PluginProcess plugin = PluginProcess.launch(List.of(), Map.of("PLUGIN_PROTOCOL_VERSIONS", "1,2"))) {
            assertThat(plugin.healthOf("plugin")).isEqualTo(ServingStatus.SERVING);
        }
    }

    @Test
    void version_withoutCookie_printsVersionAndExits0() throws Exception {
        PluginProcess.Finished run = PluginProcess.run(List.of("--version"), Map.of());
        assertThat(run.exitCode()).isZero();
        assertThat(run.stdout().trim()).matches("nomad_iis \\d+\\.\\d+\\.\\d+.*");
    }

    @Test
    void help_withoutCookie_printsUsageAndExits0() throws Exception {
        PluginProcess.Finished run = PluginProcess.run(List.of("--help"), Map.of());
        assertThat(run.exitCode()).isZero();
        assertThat(run.stdout())
                .contains("--port=N")
                .contains("--management-api-port=N")
                .contains("plugin_dir");
    }

    @Test
    void unknownArgument_warnsAndServes_twoItemPortHonoured() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (PluginProcess plugin = PluginProcess.launch(
                List.of("--bogus=1", "--port", Integer.toString(port), "--log-level", "info"), Map.of())) {
            assertThat(plugin.port()).isEqualTo(port);
            assertThat(plugin.healthOf("plugin")).isEqualTo(ServingStatus.SERVING);
            String warning = plugin.awaitStderr(l -> l.contains("--bogus"), Duration.ofSeconds(10));
            assertThat(warning).contains("\"@level\":\"warn\"").contains("ignoring unknown argument");
            plugin.assertOutputContract();
        }
    }

    @Test
    void malformedValueOfKnownOption_exits2NamingIt() throws Exception {
        PluginProcess.Finished run = PluginProcess.run(
                List.of("--bogus=1", "--management-api-port", "http"), PluginProcess.nomadEnvironment());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).contains("invalid --management-api-port=http");
        assertThat(run.stdout()).isEmpty();
    }

    @Test
    void controllerShutdown_running_processExits() throws Exception {
        try (PluginProcess plugin = PluginProcess.launch()) {
            plugin.controller().withDeadlineAfter(30, TimeUnit.SECONDS).shutdown(Empty.getDefaultInstance());
            assertThat(plugin.waitForExit(PluginProcess.PATIENCE)).isTrue();
            assertThat(plugin.process().exitValue()).isZero();
        }
    }

    @Test
    void driverShutdown_running_answersOkAndKeepsServing() throws Exception {
        try (PluginProcess plugin = PluginProcess.launch()) {
            plugin.driver().shutdown(ShutdownRequest.getDefaultInstance());
            assertThat(plugin.healthOf("plugin")).isEqualTo(ServingStatus.SERVING);
        }
    }

    @Test
    void sigint_running_isIgnored() throws Exception {
        assumeTrue(!System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("windows"));
        try (PluginProcess plugin = PluginProcess.launch()) {
            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(plugin.pid())).start();
            assertThat(kill.waitFor()).isZero();
            // the plugin still answers afterwards, and has not exited meanwhile
            assertThat(plugin.waitForExit(Duration.ofSeconds(2))).isFalse();
            assertThat(plugin.healthOf("plugin")).isEqualTo(ServingStatus.SERVING);
        }
    }

    @Test
    void kill9_running_processGone() throws Exception {
        try (PluginProcess plugin = PluginProcess.launch()) {
            plugin.kill9();
            assertThat(plugin.process().isAlive()).isFalse();
        }
    }

    @Test
    void devOnce_withoutCookie_printsHandshakeFirstFingerprintAndJobUrl() throws Exception {
        PluginProcess.Finished run = PluginProcess.run(
                List.of("dev", "--once", "--state-dir=" + System.getProperty("java.io.tmpdir") + "/nomad_iis-dev-it"),
                Map.of());
        assertThat(run.exitCode()).isZero();
        assertThat(run.stdout())
                .contains("handshake: 1|2|tcp|127.0.0.1:")
                .contains("plugin: name=iis type=DRIVER")
                .contains("fingerprint: health=HEALTHY")
                .contains("driver.iis.version = ");
        assertThat(run.stderr()).contains("nomad_iis dev: the default IIS job serves http://127.0.0.1:");
    }
}
