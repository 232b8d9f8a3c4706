package io.nomadiis.dist;

import io.nomadiis.build.SuppressForbidden;
import io.nomadiis.driver.PluginVersion;
import io.nomadiis.driver.log.HclogSink;
import io.nomadiis.driver.log.JulBridge;
import io.nomadiis.driver.plugin.GoPluginEnvironment;
import io.nomadiis.driver.plugin.ListenPorts;
import io.nomadiis.driver.plugin.NomadIisPlugin;
import io.nomadiis.driver.plugin.PluginLaunchException;
import io.nomadiis.driver.plugin.PluginOptions;
import io.nomadiis.driver.plugin.ShutdownSequence;
import io.nomadiis.driver.plugin.SigintShield;
import io.nomadiis.driver.plugin.StdoutGuard;
import io.nomadiis.log.LogField;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.OptionalInt;

/**
 * Entry point of {@code nomad_iis}. Without a subcommand it is the Nomad plugin: checks the
 * go-plugin environment, binds gRPC on 127.0.0.1, prints the handshake line on stdout and serves
 * until Nomad shuts it down. {@code --version}, {@code --help} and {@code dev} need no cookie.
 */
public final class Main {

    private Main() {}

    /** Fetched on use: {@code --version} and {@code --help} need no logging set-up. */
    private static System.Logger log() {
        return System.getLogger(Main.class.getName());
    }

    /** Runs and exits with 0, 1 (not launched by Nomad, startup failure) or 2 (bad arguments). */
    @SuppressForbidden(reason = "the real stdout is captured once, for the handshake line and --help/--version")
    public static void main(String[] args) {
        PrintStream stdout = System.out;
        int status;
        try {
            status = run(args, stdout);
        } catch (Exception e) {
            log().log(System.Logger.Level.ERROR, "plugin failed", e);
            status = 1;
        }
        if (status >= 0) {
            System.exit(status);
        }
    }

    /** Runs the command; returns the exit status, or -1 when the plugin is serving on non-daemon threads. */
    @SuppressForbidden(reason = "a usage error goes to stderr for the human who typed the command")
    static int run(String[] args, PrintStream stdout) throws Exception {
        PluginArguments commandLine;
        try {
            commandLine = PluginArguments.parse(Arrays.asList(args), InstallLocation.defaultStateDir());
        } catch (UsageException e) {
            System.err.println("nomad_iis: " + e.getMessage());
            return 2;
        }
        if (commandLine.logLevel() != null) {
            HclogSink.global().setThreshold(commandLine.logLevel());
        }
        for (String warning : commandLine.warnings()) {
            log().log(System.Logger.Level.WARNING, warning);
        }
        switch (commandLine.command()) {
            case VERSION -> {
                stdout.println("nomad_iis " + PluginVersion.get());
                return 0;
            }
            case HELP -> {
                stdout.print(Usage.text(PluginVersion.get()));
                return 0;
            }
            case DEV -> {
                JulBridge.install(HclogSink.global());
                return new DevMode(commandLine, stdout).run();
            }
            case CDS_TRAINING -> {
                JulBridge.install(HclogSink.global());
                return CdsTraining.run(commandLine);
            }
            default -> {
                return servePlugin(commandLine, stdout);
            }
        }
    }

    @SuppressForbidden(
            reason = "go-plugin: a binary not launched by a plugin host explains that on stderr, like go-plugin does")
    private static int servePlugin(PluginArguments commandLine, PrintStream stdout) throws Exception {
        GoPluginEnvironment environment;
        try {
            environment = GoPluginEnvironment.read(System.getenv());
        } catch (PluginLaunchException e) {
            System.err.println(e.getMessage());
            return e.exitCode();
        }
        SigintShield.install();
        JulBridge.install(HclogSink.global());
        ShutdownSequence shutdown = new ShutdownSequence();
        OptionalInt managementPort = commandLine.managementApi().enabled()
                ? OptionalInt.of(commandLine.managementApi().port())
                : OptionalInt.empty();
        PluginOptions options = new PluginOptions(
                ListenPorts.of(commandLine.port(), environment), managementPort, commandLine.stateDir());
        NomadIisPlugin plugin = NomadIisPlugin.start(options, shutdown, line -> StdoutGuard.announce(stdout, line));
        log().log(
                        System.Logger.Level.INFO,
                        "plugin started",
                        LogField.of("version", PluginVersion.get()),
                        LogField.of("address", "127.0.0.1:" + plugin.server().port()),
                        LogField.of("pid", ProcessHandle.current().pid()));
        ManagementApiLauncher.start(
                        commandLine.managementApi(),
                        plugin.tasks().directory(),
                        plugin.host(),
                        () -> plugin.config().get().procdump())
                .ifPresent(shutdown::register);
        plugin.server().awaitTermination();
        return 0;
    }
}
