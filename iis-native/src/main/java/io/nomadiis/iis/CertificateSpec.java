package io.nomadiis.iis;

import java.nio.file.Path;

/**
 * Where an https binding's certificate comes from: exactly one source is set.
 *
 * @param thumbprint a certificate already in the machine store (never removed by the driver)
 * @param pfxFile a PKCS#12 file
 * @param password the PFX password, or null; never logged
 * @param certFile a PEM certificate, with {@code keyFile}
 * @param keyFile a PEM PKCS#8 private key (may be the same file as {@code certFile})
 * @param selfSigned generate a self-signed certificate for {@code hostname}
 * @param hostname the binding's hostname, used as CN of a self-signed certificate ({@code localhost} if empty)
 */
public record CertificateSpec(
        String thumbprint,
        Path pfxFile,
        String password,
        Path certFile,
        Path keyFile,
        boolean selfSigned,
        String hostname) {
    @Override
    public String toString() {
        return "CertificateSpec[thumbprint=" + thumbprint + ", pfxFile=" + pfxFile + ", certFile=" + certFile
                + ", keyFile=" + keyFile + ", selfSigned=" + selfSigned + ", hostname=" + hostname + "]";
    }
}
