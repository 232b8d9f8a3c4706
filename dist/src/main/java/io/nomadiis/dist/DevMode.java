package io.nomadiis.dist;

import io.nomadiis.driver.plugin.DevSession;
import io.nomadiis.driver.plugin.ListenPorts;
import io.nomadiis.driver.plugin.NomadIisPlugin;
import io.nomadiis.driver.plugin.PluginOptions;
import io.nomadiis.driver.plugin.ShutdownSequence;
import java.io.PrintStream;
import java.util.Iterator;
import java.util.OptionalInt;

/**
 * {@code nomad_iis dev}: runs the plugin in this process, connects to it the way the Nomad client
 * does, and prints the handshake line, PluginInfo and every fingerprint on stdout. With
 * {@code --once} it exits after the first fingerprint; otherwise it runs until Ctrl-C.
 */
final class DevMode {

    private final CommandLine commandLine;
    private final PrintStream out;

    DevMode(CommandLine commandLine, PrintStream out) {
        this.commandLine = commandLine;
        this.out = out;
    }

    int run() throws Exception {
        ShutdownSequence shutdown = new ShutdownSequence();
        PluginOptions options = new PluginOptions(new ListenPorts(commandLine.port() == null ? 0 : commandLine.port(), 0, 0),
                commandLine.managementApi().enabled() ? OptionalInt.of(commandLine.managementApi().port())
                        : OptionalInt.empty(),
                commandLine.stateDir());
        NomadIisPlugin plugin = NomadIisPlugin.start(options, shutdown);
        out.println("handshake: " + plugin.server().handshakeLine());
        try (DevSession session = DevSession.connect(plugin.server().port(), plugin.server().eventLoopGroup())) {
            out.println(session.pluginInfo());
            session.configure(new byte[0]);
            Iterator<String> fingerprints = session.fingerprints();
            while (fingerprints.hasNext()) {
                out.println(fingerprints.next());
                out.flush();
                if (commandLine.once()) {
                    break;
                }
            }
        } finally {
            plugin.server().close();
        }
        return 0;
    }
}
