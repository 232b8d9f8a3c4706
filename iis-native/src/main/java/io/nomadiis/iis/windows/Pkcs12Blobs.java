package io.nomadiis.iis.windows;

import io.nomadiis.iis.CertificateSpec;
import io.nomadiis.iis.IisException;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a certificate source of a {@link CertificateSpec} into PKCS#12 bytes, in plain Java: a PFX file
 * as it is (after checking the password and that it holds a key), PEM certificate + PKCS#8 key
 * re-packed, or a self-signed certificate made by {@link SelfSignedCertificates}.
 */
public final class Pkcs12Blobs {
    private static final Pattern PEM = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

    private Pkcs12Blobs() {
    }

    /** The blob for a spec that names a file or asks for a self-signed certificate (not a thumbprint). */
    public static Pkcs12Blob load(CertificateSpec spec) throws IisException {
        if (spec.pfxFile() != null) {
            return fromPfx(spec.pfxFile(), spec.password());
        }
        if (spec.certFile() != null) {
            if (spec.keyFile() == null) {
                throw new IisException("failed to install certificate from " + spec.certFile() + ": key_file is required with cert_file");
            }
            return fromPem(spec.certFile(), spec.keyFile());
        }
        if (spec.selfSigned()) {
            return SelfSignedCertificates.create(spec.hostname());
        }
        throw new IisException("failed to install certificate: no source given (thumbprint, pfx_file, cert_file or use_self_signed)");
    }

    /** A PFX file's bytes, checked: readable with the password and holding a private key. */
    public static Pkcs12Blob fromPfx(Path file, String password) throws IisException {
        byte[] bytes;
        try {
            if (!Files.isRegularFile(file) || Files.size(file) == 0) {
                throw new IisException("failed to install certificate: pfx file " + file + " does not exist or is empty");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IisException("failed to install certificate: cannot read pfx file " + file + ": " + e.getMessage(), e);
        }
        String pass = password == null ? "" : password;
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(new ByteArrayInputStream(bytes), pass.toCharArray());
            for (Enumeration<String> aliases = store.aliases(); aliases.hasMoreElements(); ) {
                String alias = aliases.nextElement();
                if (store.isKeyEntry(alias) && store.getCertificate(alias) instanceof X509Certificate leaf) {
                    return new Pkcs12Blob(bytes, pass, Thumbprints.of(leaf), leaf.getSubjectX500Principal().getName());
                }
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new IisException("failed to install certificate: cannot read pfx file " + file
                    + " (wrong password or not a PKCS#12 file)", e);
        }
        throw new IisException("failed to install certificate: pfx file " + file + " holds no private key");
    }

    /** PEM certificate(s) (leaf first) and a PEM PKCS#8 key (may be the same file), re-packed as PKCS#12. */
    public static Pkcs12Blob fromPem(Path certFile, Path keyFile) throws IisException {
        try {
            String certText = Files.readString(certFile, StandardCharsets.US_ASCII);
            String keyText = certFile.equals(keyFile) ? certText : Files.readString(keyFile, StandardCharsets.US_ASCII);
            List<X509Certificate> chain = new ArrayList<>();
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (Matcher m = PEM.matcher(certText); m.find(); ) {
                if (m.group(1).equals("CERTIFICATE")) {
                    chain.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(decode(m.group(2)))));
                }
            }
            byte[] key = null;
            for (Matcher m = PEM.matcher(keyText); m.find() && key == null; ) {
                if (m.group(1).equals("PRIVATE KEY")) {
                    key = decode(m.group(2));
                } else if (m.group(1).endsWith("PRIVATE KEY")) {
                    throw new IisException("failed to install certificate: key file " + keyFile
                            + " must hold a PKCS#8 key (BEGIN PRIVATE KEY), not " + m.group(1));
                }
            }
            if (chain.isEmpty()) {
                throw new IisException("failed to install certificate: " + certFile + " holds no BEGIN CERTIFICATE block");
            }
            if (key == null) {
                throw new IisException("failed to install certificate: " + keyFile + " holds no BEGIN PRIVATE KEY block");
            }
            return pack(privateKey(key, keyFile), chain.toArray(new X509Certificate[0]));
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw new IisException("failed to install certificate from " + certFile + ": " + e.getMessage(), e);
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
        return new Pkcs12Blob(bytes.toByteArray(), password, Thumbprints.of(chain[0]),
                chain[0].getSubjectX500Principal().getName());
    }

    private static PrivateKey privateKey(byte[] pkcs8, Path keyFile) throws IisException {
        for (String algorithm : List.of("RSA", "EC")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        throw new IisException("failed to install certificate: key file " + keyFile + " holds no RSA or EC PKCS#8 key");
    }

    private static byte[] decode(String base64) {
        return Base64.getMimeDecoder().decode(base64);
    }
}
