package io.nomadiis.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nomadiis.driver.log.LogLevel;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class PluginArgumentsTest {

    private static final Path STATE = Path.of("/opt/nomad/plugins/state");

    @Test
    void parse_noArguments_pluginWithDefaults() throws Exception {
        PluginArguments line = PluginArguments.parse(List.of(), STATE);
        assertThat(line.command()).isEqualTo(PluginArguments.Command.PLUGIN);
        assertThat(line.port()).isNull();
        assertThat(line.stateDir()).isEqualTo(STATE.toAbsolutePath());
        assertThat(line.managementApi().enabled()).isFalse();
    }

    @Test
    void parse_everyOption_parsed() throws Exception {
        PluginArguments line = PluginArguments.parse(
                List.of(
                        "--port=5003",
                        "--management-api-port=5004",
                        "--management-api-key=k3y",
                        "--management-api-jwt-secret=s3cret",
                        "--management-api-address=0.0.0.0",
                        "--management-api-tls-cert=/c.pem",
                        "--management-api-tls-key=/k.pem",
                        "--management-api-allow-anonymous",
                        "--state-dir=/tmp/st",
                        "--log-level=debug"),
                STATE);
        assertThat(line.port()).isEqualTo(5003);
        assertThat(line.logLevel()).isEqualTo(LogLevel.DEBUG);
        assertThat(line.stateDir()).isEqualTo(Path.of("/tmp/st").toAbsolutePath());
        ManagementApiOptions api = line.managementApi();
        assertThat(api)
                .isEqualTo(new ManagementApiOptions(
                        5004, "k3y", "s3cret", "0.0.0.0", Path.of("/c.pem"), Path.of("/k.pem"), true));
        assertThat(api.toString()).doesNotContain("k3y").doesNotContain("s3cret");
    }

    @Test
    void parse_exposeSecrets_offUnlessGiven() throws Exception {
        assertThat(PluginArguments.parse(List.of("--management-api-port=5004"), STATE)
                        .managementApi()
                        .exposeSecrets())
                .isFalse();
        assertThat(PluginArguments.parse(
                                List.of("--management-api-port=5004", "--management-api-expose-secrets"), STATE)
                        .managementApi()
                        .exposeSecrets())
                .isTrue();
        assertThat(PluginArguments.parse(List.of("--management-api-expose-secrets", "false"), STATE)
                        .managementApi()
                        .exposeSecrets())
                .isFalse();
    }

    @Test
    void parse_managementApiLimitsAndBrowser_parsed() throws Exception {
        ManagementApiOptions api = PluginArguments.parse(
                        List.of(
                                "--management-api-port=5004",
                                "--management-api-max-body-size=512m",
                                "--management-api-max-zip-entries=1000",
                                "--management-api-max-unzipped-size=2g",
                                "--management-api-max-zip-ratio=50",
                                "--management-api-idle-timeout=30",
                                "--management-api-browser=/opt/chrome/chrome"),
                        STATE)
                .managementApi();
        assertThat(api.limits()).isEqualTo(new io.nomadiis.mgmt.Limits(512L << 20, 64L << 10, 1000, 2L << 30, 50, 30));
        assertThat(api.browser()).isEqualTo(Path.of("/opt/chrome/chrome"));
        assertThatThrownBy(() -> PluginArguments.parse(List.of("--management-api-max-body-size=lots"), STATE))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("--management-api-max-body-size");
        assertThatThrownBy(() -> PluginArguments.parse(List.of("--management-api-max-zip-ratio=0"), STATE))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("positive");
    }

    @Test
    void parse_versionHelpDev_commands() throws Exception {
        assertThat(PluginArguments.parse(List.of("--version"), STATE).command())
                .isEqualTo(PluginArguments.Command.VERSION);
        assertThat(PluginArguments.parse(List.of("--help"), STATE).command()).isEqualTo(PluginArguments.Command.HELP);
        PluginArguments dev = PluginArguments.parse(List.of("dev", "--once"), STATE);
        assertThat(dev.command()).isEqualTo(PluginArguments.Command.DEV);
        assertThat(dev.once()).isTrue();
    }

    @Test
    void parse_badInput_usageErrorsNamingTheArgument() {
        assertThatThrownBy(() -> PluginArguments.parse(List.of("--port=70000"), STATE))
                .hasMessageContaining("--port=70000");
        assertThatThrownBy(() -> PluginArguments.parse(List.of("--port"), STATE))
                .hasMessageContaining("missing value for --port");
        assertThatThrownBy(() -> PluginArguments.parse(List.of("--port="), STATE))
                .hasMessageContaining("missing value for --port");
        assertThatThrownBy(() -> PluginArguments.parse(List.of("--log-level=loud"), STATE))
                .hasMessageContaining("\"loud\"");
        assertThatThrownBy(() -> PluginArguments.parse(List.of("--management-api-port", "http"), STATE))
                .hasMessageContaining("--management-api-port=http");
        assertThatThrownBy(() -> PluginArguments.parse(List.of("--management-api-allow-anonymous=yes"), STATE))
                .hasMessageContaining("expected true or false");
    }

    @Test
    void parse_everyOptionAsTwoItems_sameAsEqualsForm() throws Exception {
        List<String> equals = List.of(
                "--port=5003",
                "--state-dir=/tmp/st",
                "--log-level=debug",
                "--management-api-port=5004",
                "--management-api-key=k3y",
                "--management-api-jwt-secret=s3cret",
                "--management-api-address=0.0.0.0",
                "--management-api-tls-cert=/c.pem",
                "--management-api-tls-key=/k.pem",
                "--management-api-allow-anonymous=true",
                "--management-api-max-body-size=512m",
                "--management-api-max-zip-entries=1000",
                "--management-api-max-unzipped-size=2g",
                "--management-api-max-zip-ratio=50",
                "--management-api-idle-timeout=30",
                "--management-api-browser=/opt/chrome/chrome");
        List<String> twoItems = new java.util.ArrayList<>();
        for (String arg : equals) {
            twoItems.add(arg.substring(0, arg.indexOf('=')));
            twoItems.add(arg.substring(arg.indexOf('=') + 1));
        }
        PluginArguments a = PluginArguments.parse(equals, STATE);
        PluginArguments b = PluginArguments.parse(twoItems, STATE);
        assertThat(b).isEqualTo(a);
        assertThat(b.warnings()).isEmpty();
        assertThat(b.port()).isEqualTo(5003);
        assertThat(b.managementApi().port()).isEqualTo(5004);
        assertThat(b.managementApi().allowAnonymous()).isTrue();
        assertThat(b.managementApi().browser()).isEqualTo(Path.of("/opt/chrome/chrome"));
    }

    @Test
    void parse_aspNetConfigurationForms_allAccepted() throws Exception {
        for (List<String> args : List.of(
                List.of("--management-api-port=5004"),
                List.of("--management-api-port", "5004"),
                List.of("/management-api-port=5004"),
                List.of("/management-api-port", "5004"),
                List.of("management-api-port=5004"),
                List.of("--Management-Api-Port=5004"))) {
            PluginArguments line = PluginArguments.parse(args, STATE);
            assertThat(line.managementApi().port()).as("%s", args).isEqualTo(5004);
            assertThat(line.warnings()).as("%s", args).isEmpty();
        }
        assertThat(PluginArguments.parse(List.of("--port=1", "--port", "2"), STATE)
                        .port())
                .as("last one wins")
                .isEqualTo(2);
    }

    @Test
    void parse_flags_bareEqualsOrFollowingBoolean() throws Exception {
        assertThat(PluginArguments.parse(List.of("--management-api-allow-anonymous"), STATE)
                        .managementApi()
                        .allowAnonymous())
                .isTrue();
        PluginArguments off =
                PluginArguments.parse(List.of("--management-api-allow-anonymous", "false", "--port", "7"), STATE);
        assertThat(off.managementApi().allowAnonymous()).isFalse();
        assertThat(off.port()).isEqualTo(7);
        assertThat(off.warnings()).isEmpty();
    }

    @Test
    void parse_unknownArguments_warningsNotErrors_secretsNotRepeated() throws Exception {
        PluginArguments line = PluginArguments.parse(
                List.of(
                        "--nope",
                        "--management-api-kee=t0ps3cret",
                        "--unknown-option",
                        "value",
                        "stray",
                        "-x",
                        "--management-api-port",
                        "5004"),
                STATE);
        assertThat(line.command()).isEqualTo(PluginArguments.Command.PLUGIN);
        assertThat(line.managementApi().port()).isEqualTo(5004);
        assertThat(line.warnings())
                .hasSize(5)
                .anySatisfy(w -> assertThat(w).contains("\"--nope\""))
                .anySatisfy(w -> assertThat(w).contains("\"--management-api-kee=...\""))
                .anySatisfy(w -> assertThat(w).contains("\"--unknown-option ...\""))
                .anySatisfy(w -> assertThat(w).contains("\"stray\""))
                .anySatisfy(w -> assertThat(w).contains("\"-x\""))
                .allSatisfy(w -> assertThat(w).doesNotContain("t0ps3cret"));
    }
}
