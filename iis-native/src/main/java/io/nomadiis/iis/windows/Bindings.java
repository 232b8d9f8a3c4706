package io.nomadiis.iis.windows;

import io.nomadiis.iis.BindingSpec;
import io.nomadiis.iis.cert.Thumbprints;
import java.util.Locale;

/** A binding's attributes as IIS stores them: {@code bindingInformation} and {@code sslFlags}. */
public final class Bindings {
    /** {@code sslFlags} value {@code Sni}. */
    public static final int SSL_FLAG_SNI = 1;

    private Bindings() {}

    /**
     * {@code <ip>:<port>:<host>}; {@code *} or empty means all addresses, IPv6 literals get brackets
     * ({@code [::1]:443:}), the host header is lower-cased as IIS compares it case-insensitively.
     */
    public static String information(BindingSpec binding) {
        String ip = binding.ipAddress() == null || binding.ipAddress().isBlank()
                ? "*"
                : binding.ipAddress().trim();
        if (ip.contains(":") && !ip.startsWith("[")) {
            ip = "[" + ip + "]";
        }
        String host =
                binding.hostname() == null ? "" : binding.hostname().trim().toLowerCase(Locale.ROOT);
        return ip + ":" + binding.port() + ":" + host;
    }

    /** Whether the binding serves TLS. */
    public static boolean isHttps(BindingSpec binding) {
        return "https".equalsIgnoreCase(binding.protocol());
    }

    /** The {@code sslFlags} number: SNI for an https binding that asks for it, else none. */
    public static int sslFlags(BindingSpec binding) {
        return isHttps(binding) && binding.requireSni() ? SSL_FLAG_SNI : 0;
    }

    /**
     * Parses {@code bindingInformation} back into a binding spec (no certificate).
     *
     * @throws IllegalArgumentException when the text is not {@code <ip>:<port>:<host>}
     */
    public static BindingSpec parse(String protocol, String information, int sslFlags, String certificateHash) {
        int hostColon = information.lastIndexOf(':');
        int portColon = hostColon <= 0 ? -1 : information.lastIndexOf(':', hostColon - 1);
        if (portColon < 0) {
            throw new IllegalArgumentException("invalid binding information \"" + information + "\"");
        }
        String ip = information.substring(0, portColon);
        if (ip.startsWith("[") && ip.endsWith("]")) {
            ip = ip.substring(1, ip.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(information.substring(portColon + 1, hostColon));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid port in binding information \"" + information + "\"", e);
        }
        String hash =
                certificateHash == null || certificateHash.isBlank() ? null : Thumbprints.normalize(certificateHash);
        return new BindingSpec(
                protocol.toLowerCase(Locale.ROOT),
                ip.isEmpty() ? "*" : ip,
                port,
                information.substring(hostColon + 1),
                (sslFlags & SSL_FLAG_SNI) != 0,
                hash);
    }
}
