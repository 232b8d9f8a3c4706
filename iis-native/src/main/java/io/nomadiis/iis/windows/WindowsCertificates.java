package io.nomadiis.iis.windows;

import io.nomadiis.iis.CertificateSpec;
import io.nomadiis.iis.IisException;
import io.nomadiis.iis.InstalledCertificate;

/**
 * The machine certificate store as the Windows host uses it: LocalMachine\My through crypt32
 * ({@link MachineCertificateStore}) on Windows, an in-memory store in the tests that run the host on Linux.
 */
public interface WindowsCertificates {
    /** Finds or installs the certificate the spec names. */
    InstalledCertificate install(CertificateSpec spec) throws IisException;

    /** Whether the certificate is in the store. */
    boolean exists(String thumbprint);

    /** Deletes the certificate (and its private key) if the plugin installed it; absent is fine. */
    void removeManaged(String thumbprint) throws IisException;
}
