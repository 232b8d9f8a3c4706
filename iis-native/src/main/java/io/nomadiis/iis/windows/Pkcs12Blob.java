package io.nomadiis.iis.windows;

/**
 * A certificate with its private key as PKCS#12 bytes, ready for {@code PFXImportCertStore}.
 *
 * @param bytes the PKCS#12 file content
 * @param password its password (never logged)
 * @param thumbprint the leaf certificate's thumbprint
 * @param subject the leaf's subject, e.g. {@code CN=localhost}, for the friendly name
 */
public record Pkcs12Blob(byte[] bytes, String password, String thumbprint, String subject) {
    /**
     * The friendly name the Windows host gives certificates it installs: {@code [MBN] } ("managed by Nomad") + subject.
     */
    public String friendlyName() {
        return CertificateNames.MANAGED_PREFIX + subject;
    }

    @Override
    public String toString() {
        return "Pkcs12Blob[thumbprint=" + thumbprint + ", subject=" + subject + ", " + bytes.length + " bytes]";
    }
}
