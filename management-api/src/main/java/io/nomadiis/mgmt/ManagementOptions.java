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
        return builder()
                .port(port)
                .apiKey(apiKey)
                .jwtSecret(jwtSecret)
                .allowAnonymous(allowAnonymous)
                .build();
    }

    /** A builder starting from the defaults (all interfaces, port 0, plain http, no credentials). */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these options, to change some of them. */
    public Builder toBuilder() {
        return new Builder()
                .address(address)
                .port(port)
                .tls(tlsCert, tlsKey)
                .apiKey(apiKey)
                .jwtSecret(jwtSecret)
                .allowAnonymous(allowAnonymous)
                .limits(limits)
                .browser(browserPath, browserIdleTimeout)
                .procdump(procdump)
                .exposeSecrets(exposeSecrets);
    }

    /** Whether any credential is configured. */
    public boolean authenticationConfigured() {
        return apiKey != null || jwtSecret != null;
    }

    public ManagementOptions withAddress(String newAddress) {
        return toBuilder().address(newAddress).build();
    }

    public ManagementOptions withLimits(Limits newLimits) {
        return toBuilder().limits(newLimits).build();
    }

    public ManagementOptions withTls(Path cert, Path key) {
        return toBuilder().tls(cert, key).build();
    }

    public ManagementOptions withBrowser(Path path, Duration idleTimeout) {
        return toBuilder().browser(path, idleTimeout).build();
    }

    public ManagementOptions withExposeSecrets(boolean expose) {
        return toBuilder().exposeSecrets(expose).build();
    }

    /**
     * Named construction of {@link ManagementOptions}: each option is set by name, unset ones take the record's
     * defaults, and {@link #build} applies the record's checks (port range, certificate and key together).
     */
    public static final class Builder {
        private String address;
        private int port;
        private Path tlsCert;
        private Path tlsKey;
        private String apiKey;
        private String jwtSecret;
        private boolean allowAnonymous;
        private Limits limits;
        private Path browserPath;
        private Duration browserIdleTimeout;
        private Supplier<ProcdumpConfig> procdump;
        private boolean exposeSecrets;

        private Builder() {}

        /** The address to bind; null or blank binds all interfaces. */
        public Builder address(String value) {
            this.address = value;
            return this;
        }

        /** The TCP port; 0 picks a free one. */
        public Builder port(int value) {
            this.port = value;
            return this;
        }

        /** PEM certificate chain and PKCS#8 key for https (both or neither); nulls serve plain http. */
        public Builder tls(Path cert, Path key) {
            this.tlsCert = cert;
            this.tlsKey = key;
            return this;
        }

        /** The {@code X-Api-Key} value granting every capability, or null. */
        public Builder apiKey(String value) {
            this.apiKey = value;
            return this;
        }

        /** The HS256 secret of bearer tokens, or null. */
        public Builder jwtSecret(String value) {
            this.jwtSecret = value;
            return this;
        }

        /** Serve without authentication when neither key nor secret is set. */
        public Builder allowAnonymous(boolean value) {
            this.allowAnonymous = value;
            return this;
        }

        /** Body and zip limits; null takes the defaults. */
        public Builder limits(Limits value) {
            this.limits = value;
            return this;
        }

        /** The screenshot browser (null: search the host) and how long it stays open idle (null: 2 minutes). */
        public Builder browser(Path path, Duration idleTimeout) {
            this.browserPath = path;
            this.browserIdleTimeout = idleTimeout;
            return this;
        }

        /** Supplies the plugin's current {@code procdump} block; null supplies none. */
        public Builder procdump(Supplier<ProcdumpConfig> value) {
            this.procdump = value;
            return this;
        }

        /** Whether the {@code fs} routes may reach the task's {@code secrets/} folder. */
        public Builder exposeSecrets(boolean value) {
            this.exposeSecrets = value;
            return this;
        }

        /**
         * The options.
         *
         * @throws IllegalArgumentException when the port is out of range or only one of certificate and key is set
         */
        public ManagementOptions build() {
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
                    exposeSecrets);
        }
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
