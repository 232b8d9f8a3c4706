package io.nomadiis.dist;

import io.nomadiis.build.SuppressForbidden;
import io.nomadiis.driver.plugin.DevJob;
import io.nomadiis.driver.plugin.DevSession;
import io.nomadiis.driver.plugin.ListenPorts;
import io.nomadiis.driver.plugin.NomadIisPlugin;
import io.nomadiis.driver.plugin.PluginOptions;
import io.nomadiis.driver.plugin.ShutdownSequence;
import io.nomadiis.threads.NamedThreadFactory;
import java.io.PrintStream;
import java.util.Iterator;
import java.util.OptionalInt;

/**
 * {@code nomad_iis dev}: runs the plugin in this process, connects to it the way the Nomad client
 * does, prints the handshake line, PluginInfo and every fingerprint on stdout, and runs the default
 * IIS job ({@link DevJob}: a static site on a free port) whose URL it prints on stderr. With
 * {@code --once} it stops the job and exits after the first fingerprint; otherwise it serves until
 * Ctrl-C or SIGTERM, then stops the task the way Nomad does.
 */
final class DevMode {

    private final PluginArguments commandLine;
    private final PrintStream out;

    DevMode(PluginArguments commandLine, PrintStream out) {
        this.commandLine = commandLine;
        this.out = out;
    }

    @SuppressForbidden(reason = "dev mode tells the human at the terminal where the job serves")
    int run() throws Exception {
        ShutdownSequence shutdown = new ShutdownSequence();
        PluginOptions options = new PluginOptions(
                new ListenPorts(commandLine.port() == null ? 0 : commandLine.port(), 0, 0),
                commandLine.managementApi().enabled()
                        ? OptionalInt.of(commandLine.managementApi().port())
                        : OptionalInt.empty(),
                commandLine.stateDir());
        NomadIisPlugin plugin = NomadIisPlugin.start(options, shutdown);
        out.println("handshake: " + plugin.server().handshakeLine());
        try (DevSession session =
                DevSession.connect(plugin.server().port(), plugin.server().eventLoopGroup())) {
            out.println(session.pluginInfo());
            session.configure(new byte[0]);
            Iterator<String> fingerprints = session.fingerprints();
            out.println(fingerprints.next());
            out.flush();
            try (DevJob job = DevJob.start(session)) {
                System.err.println("nomad_iis dev: the default IIS job serves " + job.url()
                        + (commandLine.once() ? "" : " (Ctrl-C stops it)"));
                Thread stopJob = new NamedThreadFactory("dev-job-stop").newThread(job::close);
                Runtime.getRuntime().addShutdownHook(stopJob);
                while (!commandLine.once() && fingerprints.hasNext()) {
                    out.println(fingerprints.next());
                    out.flush();
                }
                removeHook(stopJob);
            }
        } finally {
            plugin.server().close();
        }
        return 0;
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook runs
        }
    }
}
