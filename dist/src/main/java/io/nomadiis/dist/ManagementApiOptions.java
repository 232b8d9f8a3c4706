package io.nomadiis.dist;

import io.nomadiis.mgmt.Limits;
import java.nio.file.Path;

/**
 * The management API's command-line options ({@code --management-api-*}). The API is enabled when
 * {@link #port()} is above 0. {@link #toString()} never shows the key or the JWT secret.
 *
 * @param port listen port; 0 = disabled
 * @param apiKey static key checked against the {@code X-Api-Key} header, or null
 * @param jwtSecret HS256 secret for JWT bearer tokens, or null
 * @param address listen address, or null for the default
 * @param tlsCert PEM certificate chain for HTTPS, or null for plain HTTP
 * @param tlsKey PEM private key for HTTPS, or null
 * @param allowAnonymous whether requests without credentials are accepted
 * @param limits body, zip and idle limits
 * @param browser the Chromium/Chrome/Edge executable for screenshots, or null to search the host
 * @param exposeSecrets whether the {@code fs} routes may reach the task's {@code secrets/} folder
 */
public record ManagementApiOptions(
        int port,
        String apiKey,
        String jwtSecret,
        String address,
        Path tlsCert,
        Path tlsKey,
        boolean allowAnonymous,
        Limits limits,
        Path browser,
        boolean exposeSecrets) {

    /** Options that keep {@code secrets/} out of reach. */
    public ManagementApiOptions(
            int port,
            String apiKey,
            String jwtSecret,
            String address,
            Path tlsCert,
            Path tlsKey,
            boolean allowAnonymous,
            Limits limits,
            Path browser) {
        this(port, apiKey, jwtSecret, address, tlsCert, tlsKey, allowAnonymous, limits, browser, false);
    }

    /** Options with the default limits and browser search. */
    public ManagementApiOptions(
            int port,
            String apiKey,
            String jwtSecret,
            String address,
            Path tlsCert,
            Path tlsKey,
            boolean allowAnonymous) {
        this(port, apiKey, jwtSecret, address, tlsCert, tlsKey, allowAnonymous, Limits.defaults(), null);
    }

    /** No management API. */
    public static final ManagementApiOptions DISABLED =
            new ManagementApiOptions(0, null, null, null, null, null, false);

    /** Whether the API should be served. */
    public boolean enabled() {
        return port > 0;
    }

    @Override
    public String toString() {
        return "ManagementApiOptions[port=" + port + ", apiKey=" + (apiKey == null ? "unset" : "set")
                + ", jwtSecret=" + (jwtSecret == null ? "unset" : "set") + ", address=" + address
                + ", tlsCert=" + tlsCert + ", tlsKey=" + tlsKey + ", allowAnonymous=" + allowAnonymous
                + ", limits=" + limits + ", browser=" + browser + ", exposeSecrets=" + exposeSecrets + "]";
    }
}
