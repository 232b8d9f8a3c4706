package io.nomadiis.driver.fingerprint;

import static java.util.Objects.requireNonNull;

import io.nomadiis.driver.PluginVersion;
import io.nomadiis.driver.config.PluginConfig;
import io.nomadiis.iis.HostStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Supplier;

/**
 * Computes the driver's fingerprint from the plugin config and the host: disabled plugin →
 * UNDETECTED "driver disabled"; host unhealthy → UNHEALTHY with the host's description; host cannot
 * be queried → UNDETECTED with the cause; else HEALTHY "Healthy". Attributes are those of the C#
 * plugin ({@code driver.iis.*}) plus {@code driver.iis.backend}.
 *
 * <p>Threads: {@link #current} is called by every open Fingerprint stream, first on a gRPC call executor
 * thread, then periodically on the plugin's {@code timer-*} thread; it keeps no mutable state of its own.
 */
public final class Fingerprinter {

    /** Description sent when the plugin config disables the driver. */
    public static final String DISABLED = "driver disabled";

    private static final System.Logger LOG = System.getLogger(Fingerprinter.class.getName());
    private static final String PREFIX = "driver.iis.";

    private final Supplier<PluginConfig> config;
    private final FingerprintProbe host;
    private final OptionalInt managementApiPort;

    /**
     * @param config the plugin config in effect
     * @param host the web server host, probed on each fingerprint
     * @param managementApiPort the management API's port when it is enabled
     */
    public Fingerprinter(Supplier<PluginConfig> config, FingerprintProbe host, OptionalInt managementApiPort) {
        this.config = requireNonNull(config, "config");
        this.host = requireNonNull(host, "host");
        this.managementApiPort = requireNonNull(managementApiPort, "managementApiPort");
    }

    /** The fingerprint as of now. */
    public Fingerprint current() {
        PluginConfig plugin = config.get();
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put(PREFIX + "version", PluginVersion.get());
        attributes.put(PREFIX + "directory_security_enabled", plugin.directorySecurity());
        attributes.put(
                PREFIX + "target_websites_enabled",
                !plugin.allowedTargetWebsites().isEmpty());
        boolean managementApi = managementApiPort.isPresent() && ManagementApiState.serving();
        attributes.put(PREFIX + "management_api_enabled", managementApi);
        if (managementApi) {
            attributes.put(PREFIX + "management_api_port", (long) managementApiPort.getAsInt());
        }
        if (!plugin.enabled()) {
            return new Fingerprint(DriverHealth.UNDETECTED, DISABLED, attributes);
        }
        HostStatus status;
        try {
            attributes.put(PREFIX + "backend", host.backend());
            status = host.status();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "querying the web server host failed", e);
            return new Fingerprint(
                    DriverHealth.UNDETECTED, "cannot query the web server host: " + e.getMessage(), attributes);
        }
        attributes.put(PREFIX + "iis_version", status.iisVersion());
        attributes.put(PREFIX + "iis_aspnet_core_available", status.aspNetCoreAvailable());
        attributes.put(PREFIX + "iis_rewrite_module_available", status.rewriteModuleAvailable());
        if (!status.healthy()) {
            return new Fingerprint(DriverHealth.UNHEALTHY, status.description(), attributes);
        }
        return new Fingerprint(DriverHealth.HEALTHY, "Healthy", attributes);
    }
}
