package io.nomadiis.driver.config;

/**
 * A {@code certificate} block: exactly one source.
 *
 * @param thumbprint pre-installed certificate (non-hex characters stripped, upper case), or null
 * @param pfxFile PFX path as written in the job, or null
 * @param password PFX password, or null; never logged
 * @param certFile PEM certificate path, or null
 * @param keyFile PEM PKCS#8 key path, or null
 * @param useSelfSigned generate a self-signed certificate
 */
public record CertificateConfig(
        String thumbprint, String pfxFile, String password, String certFile, String keyFile, boolean useSelfSigned) {
    @Override
    public String toString() {
        return "CertificateConfig[thumbprint=" + thumbprint + ", pfxFile=" + pfxFile + ", certFile=" + certFile
                + ", keyFile=" + keyFile + ", useSelfSigned=" + useSelfSigned + "]";
    }
}
