package io.nomadiis.dist;

import io.nomadiis.driver.config.ProcdumpConfig;
import io.nomadiis.driver.fingerprint.ManagementApiState;
import io.nomadiis.driver.task.TaskDirectory;
import io.nomadiis.iis.IisHost;
import io.nomadiis.log.LogField;
import io.nomadiis.mgmt.ManagementOptions;
import io.nomadiis.mgmt.ManagementServer;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Starts the management API when {@code --management-api-port} is given, on event loops and a
 * buffer allocator of its own (never the gRPC server's), over the plugin's task registry and web
 * server host. A failure to start never stops the
 * plugin: it is logged and the fingerprint reports {@code driver.iis.management_api_enabled=false}.
 */
final class ManagementApiLauncher {
    private static final System.Logger LOG = System.getLogger(ManagementApiLauncher.class.getName());

    private ManagementApiLauncher() {}

    /** The running server, or empty when not configured or it could not start. */
    static Optional<ManagementServer> start(
            ManagementApiOptions cli, TaskDirectory tasks, Supplier<IisHost> host, Supplier<ProcdumpConfig> procdump) {
        if (!cli.enabled()) {
            return Optional.empty();
        }
        ManagementOptions options;
        try {
            options = ManagementOptions.builder()
                    .address(cli.address())
                    .port(cli.port())
                    .tls(cli.tlsCert(), cli.tlsKey())
                    .apiKey(cli.apiKey())
                    .jwtSecret(cli.jwtSecret())
                    .allowAnonymous(cli.allowAnonymous())
                    .limits(cli.limits())
                    .browser(cli.browser(), null)
                    .procdump(procdump)
                    .exposeSecrets(cli.exposeSecrets())
                    .build();
        } catch (IllegalArgumentException e) {
            ManagementApiState.markFailed();
            LOG.log(
                    System.Logger.Level.ERROR,
                    "management api disabled: invalid options",
                    LogField.error(e.getMessage()));
            return Optional.empty();
        }
        return Optional.ofNullable(ManagementServer.startOrDisable(options, tasks, host, null));
    }
}
