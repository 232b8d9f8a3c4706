package io.nomadiis.iis.windows;

import io.nomadiis.iis.IisException;

/**
 * The machine store's raw operations (crypt32 on Windows: {@link MachineCertificateStore}); the decisions
 * about them are {@link ManagedCertificates}'s, in plain Java.
 */
public interface CertificateStoreCalls {
    /**
     * The friendly name of the certificate in LocalMachine\My, {@code ""} when it has none, or null when the
     * store has no such certificate.
     */
    String friendlyName(String thumbprint) throws IisException;

    /**
     * Imports the PKCS#12 blob into LocalMachine\My with a machine key set, allowing the key of a certificate
     * imported before to be overwritten ({@code PKCS12_ALLOW_OVERWRITE_KEY}, windows-iis.md section 3), and
     * sets the blob's friendly name.
     */
    void importPkcs12(Pkcs12Blob blob) throws IisException;

    /** Deletes the certificate and its persisted private key. */
    void delete(String thumbprint) throws IisException;
}
