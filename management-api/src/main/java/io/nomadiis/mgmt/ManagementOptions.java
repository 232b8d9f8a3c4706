package io.nomadiis.mgmt;

import io.nomadiis.driver.config.ProcdumpConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * How the management API is served.
 *
 * @param address the address to bind ({@code 0.0.0.0}: all interfaces, as the C# plugin)
 * @param port the TCP port; 0 picks a free one
 * @param tlsCert PEM certificate chain for https, or null for plain http
 * @param tlsKey PEM (PKCS#8) private key for https, or null
 * @param apiKey the {@code X-Api-Key} value granting every capability, or null
 * @param jwtSecret the HS256 secret of bearer tokens, or null
 * @param allowAnonymous serve without any authentication when neither key nor secret is set
 * @param limits body and zip limits
 * @param browserPath the Chromium/Chrome/Edge executable for screenshots, or null to search the host
 * @param browserIdleTimeout how long the screenshot browser stays open without requests
 * @param procdump supplies the plugin's current {@code procdump} block (Windows dumps; may supply null), or null
 * @param exposeSecrets whether the {@code fs} routes may reach the task's {@code secrets/} folder (workload
 *     identity, Vault tokens); off unless the plugin is started with {@code --management-api-expose-secrets}
 */
public record ManagementOptions(
        String address,
        int port,
        Path tlsCert,
        Path tlsKey,
        String apiKey,
        String jwtSecret,
        boolean allowAnonymous,
        Limits limits,
        Path browserPath,
        Duration browserIdleTimeout,
        Supplier<ProcdumpConfig> procdump,
        boolean exposeSecrets) {

    /** Options that keep {@code secrets/} out of reach. */
    public ManagementOptions(
            String address,
            int port,
            Path tlsCert,
            Path tlsKey,
            String apiKey,
            String jwtSecret,
            boolean allowAnonymous,
            Limits limits,
            Path browserPath,
            Duration browserIdleTimeout,
            Supplier<ProcdumpConfig> procdump) {
        this(
                address,
                port,
                tlsCert,
                tlsKey,
                apiKey,
                jwtSecret,
                allowAnonymous,
                limits,
                browserPath,
                browserIdleTimeout,
                procdump,
                false);
    }

    public ManagementOptions {
        if (address == null || address.isBlank()) {
            address = "0.0.0.0";
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("management api port " + port + " is out of range 0-65535");
        }
        if ((tlsCert == null) != (tlsKey == null)) {
            throw new IllegalArgumentException("management api tls needs both a certificate and a key");
        }
        apiKey = blankToNull(apiKey);
        jwtSecret = blankToNull(jwtSecret);
        limits = limits == null ? Limits.defaults() : limits;
        browserIdleTimeout = browserIdleTimeout == null ? Duration.ofMinutes(2) : browserIdleTimeout;
        procdump = procdump == null ? () -> null : procdump;
    }

    /** Options with defaults for everything but the port and credentials. */
    public static ManagementOptions of(int port, String apiKey, String jwtSecret, boolean allowAnonymous) {
        return new ManagementOptions(null, port, null, null, apiKey, jwtSecret, allowAnonymous, null, null, null, null);
    }

    /** Whether any credential is configured. */
    public boolean authenticationConfigured() {
        return apiKey != null || jwtSecret != null;
    }

    public ManagementOptions withAddress(String newAddress) {
        return new ManagementOptions(
                newAddress,
                port,
                tlsCert,
                tlsKey,
                apiKey,
                jwtSecret,
                allowAnonymous,
                limits,
                browserPath,
                browserIdleTimeout,
                procdump,
                exposeSecrets);
    }

    public ManagementOptions withLimits(Limits newLimits) {
        return new ManagementOptions(
                address,
                port,
                tlsCert,
                tlsKey,
                apiKey,
                jwtSecret,
                allowAnonymous,
                newLimits,
                browserPath,
                browserIdleTimeout,
                procdump,
                exposeSecrets);
    }

    public ManagementOptions withTls(Path cert, Path key) {
        return new ManagementOptions(
                address,
                port,
                cert,
                key,
                apiKey,
                jwtSecret,
                allowAnonymous,
                limits,
                browserPath,
                browserIdleTimeout,
                procdump,
                exposeSecrets);
    }

    public ManagementOptions withBrowser(Path path, Duration idleTimeout) {
        return new ManagementOptions(
                address,
                port,
                tlsCert,
                tlsKey,
                apiKey,
                jwtSecret,
                allowAnonymous,
                limits,
                path,
                idleTimeout,
                procdump,
                exposeSecrets);
    }

    public ManagementOptions withProcdump(Supplier<ProcdumpConfig> config) {
        return new ManagementOptions(
                address,
                port,
                tlsCert,
                tlsKey,
                apiKey,
                jwtSecret,
                allowAnonymous,
                limits,
                browserPath,
                browserIdleTimeout,
                config,
                exposeSecrets);
    }

    public ManagementOptions withExposeSecrets(boolean expose) {
        return new ManagementOptions(
                address,
                port,
                tlsCert,
                tlsKey,
                apiKey,
                jwtSecret,
                allowAnonymous,
                limits,
                browserPath,
                browserIdleTimeout,
                procdump,
                expose);
    }

    @Override
    public String toString() {
        return "ManagementOptions[address=" + address + ", port=" + port + ", tls=" + (tlsCert != null)
                + ", apiKey=" + (apiKey == null ? "none" : "(set)") + ", jwtSecret="
                + (jwtSecret == null ? "none" : "(set)") + ", allowAnonymous=" + allowAnonymous
                + ", limits=" + limits + ", exposeSecrets=" + exposeSecrets + "]";
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
