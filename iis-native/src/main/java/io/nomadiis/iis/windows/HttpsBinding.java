package io.nomadiis.iis.windows;

import java.util.Locale;

/**
 * An https binding of some site as IIS has it, with http.sys's certificate for it.
 *
 * @param siteName the site
 * @param bindingInformation {@code ip:port:host}
 * @param sslFlags the binding's {@code sslFlags} (bit 1: SNI)
 * @param certificateHash the thumbprint http.sys has registered for the binding's key, or null
 */
record HttpsBinding(String siteName, String bindingInformation, int sslFlags, String certificateHash) {
    /**
     * The http.sys registration key: {@code ip:port}, or {@code host:port} with SNI (windows-iis.md section 3).
     * {@code *} and {@code 0.0.0.0} are the same key.
     */
    String registrationKey() {
        return registrationKey(bindingInformation, sslFlags);
    }

    /** The registration key of a binding's {@code ip:port:host} and {@code sslFlags}. */
    static String registrationKey(String bindingInformation, int sslFlags) {
        int hostColon = bindingInformation.lastIndexOf(':');
        int portColon = hostColon <= 0 ? -1 : bindingInformation.lastIndexOf(':', hostColon - 1);
        if (portColon < 0) {
            return bindingInformation.toLowerCase(Locale.ROOT);
        }
        String ip = bindingInformation.substring(0, portColon);
        String port = bindingInformation.substring(portColon + 1, hostColon);
        String host = bindingInformation.substring(hostColon + 1);
        if ((sslFlags & Bindings.SSL_FLAG_SNI) != 0 && !host.isEmpty()) {
            return host.toLowerCase(Locale.ROOT) + ":" + port;
        }
        return (ip.isEmpty() || ip.equals("*") ? "0.0.0.0" : ip.toLowerCase(Locale.ROOT)) + ":" + port;
    }
}
