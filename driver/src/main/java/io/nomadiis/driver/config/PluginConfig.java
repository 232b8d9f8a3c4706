package io.nomadiis.driver.config;

import java.time.Duration;
import java.util.List;

/**
 * The agent's {@code plugin "nomad_iis" { config { ... } }} block, decoded and validated.
 *
 * @param enabled whether the driver is enabled (disabled: fingerprint undetected)
 * @param fingerprintInterval how often the fingerprint is re-sent; at least 10 s
 * @param directorySecurity whether ACLs are managed on the allocation directory
 * @param allowedTargetWebsites site names (or {@code *}) tasks may deploy into with {@code target_website}
 * @param allowedAppPoolIdentities identities tasks may give their pools
 * @param allowedAppPoolUsers users (or {@code *}) allowed with {@code SpecificUser}
 * @param placeholderAppPath folder copied into an empty application path, or null to disable
 * @param procdump the procdump block, or null when absent
 */
public record PluginConfig(
        boolean enabled,
        Duration fingerprintInterval,
        boolean directorySecurity,
        List<String> allowedTargetWebsites,
        List<String> allowedAppPoolIdentities,
        List<String> allowedAppPoolUsers,
        String placeholderAppPath,
        ProcdumpConfig procdump) {
    public PluginConfig {
        allowedTargetWebsites = List.copyOf(allowedTargetWebsites);
        allowedAppPoolIdentities = List.copyOf(allowedAppPoolIdentities);
        allowedAppPoolUsers = List.copyOf(allowedAppPoolUsers);
    }
}
