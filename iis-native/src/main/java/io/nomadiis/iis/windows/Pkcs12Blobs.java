package io.nomadiis.iis.windows;

import io.nomadiis.iis.CertificateSpec;
import io.nomadiis.iis.IisException;
import io.nomadiis.iis.cert.CertificateMaterial;
import io.nomadiis.iis.cert.CertificateSources;
import io.nomadiis.iis.cert.Thumbprints;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.HexFormat;

/**
 * Turns a certificate source of a {@link CertificateSpec} into PKCS#12 bytes, in plain Java: a PFX file
 * as it is (after checking the password and that it holds a key), PEM certificate + PKCS#8 key
 * re-packed, or a new self-signed certificate; reading and generating are {@link CertificateSources}'s.
 */
public final class Pkcs12Blobs {
    private Pkcs12Blobs() {}

    /**
     * The blob for a spec that names a file or asks for a self-signed certificate (not a thumbprint). A PFX
     * file keeps its own bytes; every other source is read by {@link CertificateSources} and re-packed.
     */
    public static Pkcs12Blob load(CertificateSpec spec) throws IisException {
        if (spec.pfxFile() != null) {
            return fromPfx(spec.pfxFile(), spec.password());
        }
        return pack(
                CertificateSources.load(spec), spec.certFile() != null ? "from " + spec.certFile() : "(self-signed)");
    }

    /** A PFX file's bytes, checked: readable with the password and holding a private key. */
    public static Pkcs12Blob fromPfx(Path file, String password) throws IisException {
        CertificateMaterial material = CertificateSources.fromPfx(file, password);
        try {
            return new Pkcs12Blob(
                    Files.readAllBytes(file),
                    password == null ? "" : password,
                    material.thumbprint(),
                    material.leaf().getSubjectX500Principal().getName());
        } catch (IOException e) {
            throw new IisException(
                    "failed to install certificate: cannot read pfx file " + file + ": " + e.getMessage(), e);
        }
    }

    /** PEM certificate(s) (leaf first) and a PEM PKCS#8 key (may be the same file), re-packed as PKCS#12. */
    public static Pkcs12Blob fromPem(Path certFile, Path keyFile) throws IisException {
        return pack(CertificateSources.fromPem(certFile, keyFile), "from " + certFile);
    }

    /** A new self-signed certificate for the hostname, as PKCS#12. */
    public static Pkcs12Blob selfSigned(String hostname) throws IisException {
        return pack(CertificateSources.selfSigned(hostname), "self-signed for " + hostname);
    }

    private static Pkcs12Blob pack(CertificateMaterial material, String what) throws IisException {
        try {
            return pack(material.key(), material.chainArray());
        } catch (IOException | GeneralSecurityException e) {
            throw new IisException("failed to install certificate " + what + ": " + e.getMessage(), e);
        }
    }

    /** A key and its chain (leaf first) as PKCS#12 with a random password. */
    static Pkcs12Blob pack(PrivateKey key, X509Certificate[] chain) throws GeneralSecurityException, IOException {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String password = HexFormat.of().formatHex(random);
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("cert", key, password.toCharArray(), chain);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        store.store(bytes, password.toCharArray());
        return new Pkcs12Blob(
                bytes.toByteArray(),
                password,
                Thumbprints.of(chain[0]),
                chain[0].getSubjectX500Principal().getName());
    }
}
