package io.nomadiis.iis.windows;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * LocalMachine\My in memory, for the Windows host on Linux: thumbprint to friendly name. Imports of a
 * certificate already present replace it, as {@code PKCS12_ALLOW_OVERWRITE_KEY} allows (windows-iis.md
 * section 3); the keys deleted are counted so tests can see which certificates lost theirs.
 */
final class InMemoryCertificateStore implements CertificateStoreCalls {
    private final Map<String, String> certificates = new LinkedHashMap<>();
    private final Map<String, Integer> keyDeletes = new LinkedHashMap<>();

    @Override
    public synchronized String friendlyName(String thumbprint) {
        return certificates.get(thumbprint);
    }

    @Override
    public synchronized void importPkcs12(Pkcs12Blob blob) {
        certificates.put(blob.thumbprint(), blob.friendlyName());
    }

    @Override
    public synchronized void delete(String thumbprint) {
        if (certificates.remove(thumbprint) != null) {
            keyDeletes.merge(thumbprint, 1, Integer::sum);
        }
    }

    /** Puts a certificate the plugin did not install (no {@code [MBN]} mark). */
    synchronized void putForeign(String thumbprint, String friendlyName) {
        certificates.put(thumbprint, friendlyName);
    }

    /** How often the certificate's private key was deleted. */
    synchronized int keyDeletes(String thumbprint) {
        return keyDeletes.getOrDefault(thumbprint, 0);
    }
}
