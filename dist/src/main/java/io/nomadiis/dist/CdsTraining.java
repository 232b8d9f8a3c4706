package io.nomadiis.dist;

import io.nomadiis.driver.plugin.DevSession;
import io.nomadiis.driver.plugin.ListenPorts;
import io.nomadiis.driver.plugin.NomadIisPlugin;
import io.nomadiis.driver.plugin.PluginOptions;
import io.nomadiis.driver.plugin.ShutdownSequence;
import java.util.OptionalInt;

/**
 * {@code nomad_iis --cds-training} (internal): the launcher runs this under
 * {@code -XX:ArchiveClassesAtExit} to record the AppCDS archive. It walks what a Nomad launch
 * loads (server start, handshake line, PluginInfo, SetConfig, Init, first fingerprint) through a
 * loopback client, prints nothing on stdout, starts no web server workers, and exits.
 */
final class CdsTraining {

    private CdsTraining() {}

    static int run(PluginArguments commandLine) throws Exception {
        ShutdownSequence shutdown = new ShutdownSequence();
        PluginOptions options =
                new PluginOptions(new ListenPorts(0, 0, 0), OptionalInt.empty(), commandLine.stateDir());
        NomadIisPlugin plugin = NomadIisPlugin.start(options, shutdown);
        plugin.server().handshakeLine();
        try (DevSession session =
                DevSession.connect(plugin.server().port(), plugin.server().eventLoopGroup())) {
            session.pluginInfo();
            session.configure(new byte[0]);
            session.fingerprints().next();
        } finally {
            plugin.server().close();
        }
        return 0;
    }
}
