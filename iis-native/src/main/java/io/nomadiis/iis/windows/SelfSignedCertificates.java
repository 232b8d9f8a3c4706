package io.nomadiis.iis.windows;

import io.nomadiis.iis.IisException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HexFormat;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Makes a self-signed certificate for test use with the JDK's {@code keytool} (the JDK has no public
 * certificate-building API): RSA-2048, SHA-256, CN = the hostname or {@code localhost}, SAN
 * {@code localhost}, {@code 127.0.0.1}, {@code ::1} (+ the hostname), EKU server and client auth, 365 days.
 */
public final class SelfSignedCertificates {
    private SelfSignedCertificates() {
    }

    /** A new self-signed certificate as PKCS#12. */
    public static Pkcs12Blob create(String hostname) throws IisException {
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
            Path log = temp.resolve("keytool.log");
            String san = "SAN=dns:localhost,ip:127.0.0.1,ip:::1" + (host.equals("localhost") ? "" : ",dns:" + host);
            ProcessBuilder builder = new ProcessBuilder(keytool().toString(), "-genkeypair", "-alias", "cert",
                    "-keyalg", "RSA", "-keysize", "2048", "-sigalg", "SHA256withRSA", "-validity", "365",
                    "-dname", "CN=" + host, "-ext", san, "-ext", "EKU=serverAuth,clientAuth", "-storetype", "PKCS12",
                    "-keystore", store.toString(), "-storepass:env", "NOMADIIS_STOREPASS", "-keypass:env", "NOMADIIS_STOREPASS")
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put("NOMADIIS_STOREPASS", password);
            Process process = builder.start();
            process.getOutputStream().close();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IisException("failed to create a self-signed certificate: keytool failed: " + Files.readString(log).trim());
            }
            return Pkcs12Blobs.fromPfx(store, password);
        } catch (IOException e) {
            throw new IisException("failed to create a self-signed certificate: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IisException("failed to create a self-signed certificate: interrupted", e);
        } finally {
            delete(temp);
        }
    }

    private static Path keytool() {
        Path bin = Path.of(System.getProperty("java.home"), "bin");
        Path exe = bin.resolve("keytool.exe");
        return Files.exists(exe) ? exe : bin.resolve("keytool");
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a temp dir the OS cleans up later
        }
    }
}
