package io.nomadiis.iis.cert;

import io.nomadiis.iis.CertificateSpec;
import io.nomadiis.iis.IisException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads a certificate with its private key from a job's certificate source: a PFX file, a PEM certificate
 * with a PEM PKCS#8 key (RSA or EC; one file may hold both), or a new self-signed certificate made with the
 * JDK's {@code keytool} (RSA-2048, SHA-256, CN = hostname or {@code localhost}, SAN {@code localhost},
 * {@code 127.0.0.1}, {@code ::1} and the hostname, EKU server and client auth, 365 days). Plain Java, so it
 * serves both the portable and the Windows host and is tested on every OS.
 */
public final class CertificateSources {
    private static final Pattern PEM =
            Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

    private CertificateSources() {}

    /** The certificate a spec names by file or asks to generate (not one given by thumbprint). */
    public static CertificateMaterial load(CertificateSpec spec) throws IisException {
        if (spec.pfxFile() != null) {
            return fromPfx(spec.pfxFile(), spec.password());
        }
        if (spec.certFile() != null) {
            if (spec.keyFile() == null) {
                throw new IisException("failed to install certificate from " + spec.certFile()
                        + ": key_file is required with cert_file");
            }
            return fromPem(spec.certFile(), spec.keyFile());
        }
        if (spec.selfSigned()) {
            return selfSigned(spec.hostname());
        }
        throw new IisException(
                "failed to install certificate: no source given (thumbprint, pfx_file, cert_file or use_self_signed)");
    }

    /** The key entry of a PKCS#12 file, checked: present, non-empty, readable with the password, holding a key. */
    public static CertificateMaterial fromPfx(Path file, String password) throws IisException {
        try {
            if (!Files.isRegularFile(file) || Files.size(file) == 0) {
                throw new IisException(
                        "failed to install certificate: pfx file " + file + " does not exist or is empty");
            }
        } catch (IOException e) {
            throw new IisException("failed to install certificate: cannot read pfx file " + file, e);
        }
        char[] chars = password == null ? new char[0] : password.toCharArray();
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, chars);
            for (Enumeration<String> aliases = store.aliases(); aliases.hasMoreElements(); ) {
                String alias = aliases.nextElement();
                if (store.isKeyEntry(alias)) {
                    return new CertificateMaterial(
                            (PrivateKey) store.getKey(alias, chars), x509(store.getCertificateChain(alias)));
                }
            }
            throw new IisException("failed to install certificate: pfx file " + file + " holds no private key");
        } catch (IOException | GeneralSecurityException e) {
            throw new IisException(
                    "failed to install certificate: cannot read pfx file " + file
                            + " (wrong password or not a PKCS#12 file)",
                    e);
        }
    }

    /** PEM certificate(s), leaf first, and a PEM PKCS#8 key (may be the same file). */
    public static CertificateMaterial fromPem(Path certFile, Path keyFile) throws IisException {
        try {
            String certText = Files.readString(certFile, StandardCharsets.US_ASCII);
            String keyText = certFile.equals(keyFile) ? certText : Files.readString(keyFile, StandardCharsets.US_ASCII);
            List<X509Certificate> chain = new ArrayList<>();
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            byte[] key = null;
            for (Matcher m = PEM.matcher(certText); m.find(); ) {
                if (m.group(1).equals("CERTIFICATE")) {
                    chain.add((X509Certificate)
                            factory.generateCertificate(new ByteArrayInputStream(decode(m.group(2)))));
                }
            }
            for (Matcher m = PEM.matcher(keyText); m.find(); ) {
                if (m.group(1).equals("PRIVATE KEY")) {
                    key = decode(m.group(2));
                } else if (m.group(1).endsWith("PRIVATE KEY") && key == null) {
                    throw new IisException("failed to install certificate: key file " + keyFile
                            + " must hold a PKCS#8 key (BEGIN PRIVATE KEY), not " + m.group(1));
                }
            }
            if (chain.isEmpty()) {
                throw new IisException(
                        "failed to install certificate: " + certFile + " holds no BEGIN CERTIFICATE block");
            }
            if (key == null) {
                throw new IisException(
                        "failed to install certificate: " + keyFile + " holds no BEGIN PRIVATE KEY block");
            }
            return new CertificateMaterial(privateKey(key, keyFile), chain);
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw new IisException("failed to install certificate from " + certFile + ": " + e.getMessage(), e);
        }
    }

    private static PrivateKey privateKey(byte[] pkcs8, Path keyFile) throws IisException {
        for (String algorithm : List.of("RSA", "EC", "Ed25519")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        throw new IisException("failed to install certificate: key file " + keyFile + " holds no RSA or EC PKCS#8 key");
    }

    /** A new self-signed certificate for the hostname ({@code localhost} when empty). */
    public static CertificateMaterial selfSigned(String hostname) throws IisException {
        String host = hostname == null || hostname.isBlank() ? "localhost" : hostname.trim();
        if (!host.matches("[A-Za-z0-9*][A-Za-z0-9.*-]{0,252}")) {
            throw new IisException("failed to create a self-signed certificate: invalid hostname \"" + host + "\"");
        }
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String password = HexFormat.of().formatHex(random);
        Path temp = null;
        try {
            temp = Files.createTempDirectory("nomadiis-cert");
            Path store = temp.resolve("self.p12");
            String san = "SAN=dns:localhost,ip:127.0.0.1,ip:::1" + (host.equals("localhost") ? "" : ",dns:" + host);
            ProcessBuilder builder = new ProcessBuilder(
                            keytool().toString(),
                            "-genkeypair",
                            "-alias",
                            "cert",
                            "-keyalg",
                            "RSA",
                            "-keysize",
                            "2048",
                            "-sigalg",
                            "SHA256withRSA",
                            "-validity",
                            "365",
                            "-dname",
                            "CN=" + host,
                            "-ext",
                            san,
                            "-ext",
                            "EKU=serverAuth,clientAuth",
                            "-storetype",
                            "PKCS12",
                            "-keystore",
                            store.toString(),
                            "-storepass:env",
                            "NOMADIIS_STOREPASS",
                            "-keypass:env",
                            "NOMADIIS_STOREPASS")
                    .redirectErrorStream(true)
                    .redirectOutput(temp.resolve("keytool.log").toFile());
            builder.environment().put("NOMADIIS_STOREPASS", password);
            Process process = builder.start();
            process.getOutputStream().close();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IisException("failed to create a self-signed certificate: keytool failed: "
                        + Files.readString(temp.resolve("keytool.log")).trim());
            }
            return fromPfx(store, password);
        } catch (IOException e) {
            throw new IisException("failed to create a self-signed certificate: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IisException("failed to create a self-signed certificate: interrupted", e);
        } finally {
            if (temp != null) {
                delete(temp);
            }
        }
    }

    private static Path keytool() {
        Path bin = Path.of(System.getProperty("java.home"), "bin");
        Path exe = bin.resolve("keytool.exe");
        return Files.exists(exe) ? exe : bin.resolve("keytool");
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a temp dir the OS cleans up later
        }
    }

    private static byte[] decode(String base64) {
        return Base64.getMimeDecoder().decode(base64);
    }

    private static List<X509Certificate> x509(Certificate[] chain) {
        List<X509Certificate> result = new ArrayList<>(chain.length);
        for (Certificate certificate : chain) {
            result.add((X509Certificate) certificate);
        }
        return result;
    }
}
