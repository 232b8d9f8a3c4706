package io.nomadiis.iis.portable.service;

import io.nomadiis.iis.BindingSpec;
import java.util.Locale;

/**
 * A listening socket of the web server: protocol, IP ({@code *} = all addresses) and port. Several
 * bindings (different host names, several sites) can share one endpoint.
 *
 * @param protocol {@code http} or {@code https}
 * @param ip {@code *} or an IP literal
 * @param port the TCP port
 */
record Endpoint(String protocol, String ip, int port) {
    static Endpoint of(BindingSpec binding) {
        String ip = binding.ipAddress() == null || binding.ipAddress().isBlank()
                ? "*"
                : binding.ipAddress().trim();
        return new Endpoint(binding.protocol().toLowerCase(Locale.ROOT), ip, binding.port());
    }

    /** Whether both listen on the same port with overlapping addresses (so only one socket can exist). */
    boolean overlaps(Endpoint other) {
        return port == other.port && (ip.equals("*") || other.ip.equals("*") || ip.equals(other.ip));
    }

    @Override
    public String toString() {
        return protocol + " " + ip + ":" + port;
    }
}
