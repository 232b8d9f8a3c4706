package io.nomadiis.iis;

/**
 * A site binding, {@code <ip>:<port>:<hostname>}.
 *
 * @param protocol {@code http} or {@code https}
 * @param ipAddress {@code *} for all addresses, else an IP literal
 * @param port the TCP port
 * @param hostname host header, or empty
 * @param requireSni SSL flag SNI (https only)
 * @param certificateThumbprint the certificate for https, else null
 */
public record BindingSpec(
        String protocol,
        String ipAddress,
        int port,
        String hostname,
        boolean requireSni,
        String certificateThumbprint) {

    /** The IIS binding information string {@code <ip>:<port>:<hostname>}. */
    public String bindingInformation() {
        return ipAddress + ":" + port + ":" + (hostname == null ? "" : hostname);
    }
}
