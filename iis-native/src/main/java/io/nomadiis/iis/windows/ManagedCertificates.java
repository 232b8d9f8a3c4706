package io.nomadiis.iis.windows;

import static java.util.Objects.requireNonNull;

import io.nomadiis.iis.CertificateSpec;
import io.nomadiis.iis.IisException;
import io.nomadiis.iis.InstalledCertificate;
import io.nomadiis.iis.cert.Thumbprints;

/**
 * Which certificates the plugin installs and removes (the C# plugin's rules, windows-iis.md section 3): a
 * certificate named by thumbprint must be installed already and is never removed; one from a file or
 * self-signed is imported unless the store has it (then it is reused as it is), marked with the {@code [MBN]}
 * friendly-name prefix; removal deletes a certificate and its private key only when so marked. Whether a
 * binding still uses it is the caller's check. Threads: any; the store serialises its own calls.
 */
public final class ManagedCertificates implements WindowsCertificates {
    private final CertificateStoreCalls store;

    public ManagedCertificates(CertificateStoreCalls store) {
        this.store = requireNonNull(store, "store");
    }

    @Override
    public InstalledCertificate install(CertificateSpec spec) throws IisException {
        if (spec.thumbprint() != null && !spec.thumbprint().isBlank()) {
            String t = Thumbprints.normalize(spec.thumbprint());
            String name = Thumbprints.isValid(t) ? store.friendlyName(t) : null;
            if (name == null) {
                throw new IisException("certificate " + t + " is not installed in LocalMachine\\My");
            }
            return new InstalledCertificate(t, CertificateNames.managed(name));
        }
        Pkcs12Blob blob = Pkcs12Blobs.load(spec);
        String existing = store.friendlyName(blob.thumbprint());
        if (existing != null) {
            return new InstalledCertificate(blob.thumbprint(), CertificateNames.managed(existing));
        }
        store.importPkcs12(blob);
        return new InstalledCertificate(blob.thumbprint(), true);
    }

    @Override
    public boolean exists(String thumbprint) {
        try {
            return Thumbprints.isValid(thumbprint) && store.friendlyName(Thumbprints.normalize(thumbprint)) != null;
        } catch (IisException e) {
            return false;
        }
    }

    @Override
    public void removeManaged(String thumbprint) throws IisException {
        String t = Thumbprints.normalize(thumbprint);
        String name = store.friendlyName(t);
        if (name != null && CertificateNames.managed(name)) {
            store.delete(t);
        }
    }
}
