package io.nomadiis.iis;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/** Test certificates made with the JDK's keytool, and HTTPS clients that trust exactly one certificate. */
final class TestCertificates {
    private TestCertificates() {}

    /** A PKCS#12 file with a key pair ({@code RSA} or {@code EC}) for localhost and 127.0.0.1. */
    static Path pfx(Path dir, String name, String keyAlgorithm, String password)
            throws IOException, InterruptedException {
        Path file = dir.resolve(name + ".pfx");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(
                        keytool.toString(),
                        "-genkeypair",
                        "-alias",
                        name,
                        "-keyalg",
                        keyAlgorithm,
                        "-validity",
                        "2",
                        "-dname",
                        "CN=localhost",
                        "-ext",
                        "SAN=dns:localhost,ip:127.0.0.1",
                        "-storetype",
                        "PKCS12",
                        "-keystore",
                        file.toString(),
                        "-storepass",
                        password,
                        "-keypass",
                        password)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".keytool.log").toFile())
                .start();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("keytool failed: " + Files.readString(dir.resolve(name + ".keytool.log")));
        }
        return file;
    }

    static KeyStore load(Path pfx, String password) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(pfx)) {
            store.load(in, password.toCharArray());
        }
        return store;
    }

    static X509Certificate certificate(Path pfx, String password) throws IOException, GeneralSecurityException {
        KeyStore store = load(pfx, password);
        return (X509Certificate) store.getCertificate(store.aliases().nextElement());
    }

    /** Writes the certificate and its PKCS#8 key as PEM blocks into one file. */
    static Path pemBundle(Path pfx, String password, Path target) throws IOException, GeneralSecurityException {
        KeyStore store = load(pfx, password);
        String alias = store.aliases().nextElement();
        PrivateKey key = (PrivateKey) store.getKey(alias, password.toCharArray());
        Base64.Encoder base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.UTF_8));
        String pem = "-----BEGIN CERTIFICATE-----\n"
                + base64.encodeToString(store.getCertificate(alias).getEncoded())
                + "\n-----END CERTIFICATE-----\n-----BEGIN PRIVATE KEY-----\n" + base64.encodeToString(key.getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        return Files.writeString(target, pem);
    }

    static String thumbprint(X509Certificate certificate) throws GeneralSecurityException {
        return HexFormat.of()
                .withUpperCase()
                .formatHex(MessageDigest.getInstance("SHA-1").digest(certificate.getEncoded()));
    }

    /** An HTTP client whose only trusted certificate is {@code certificate}. */
    static HttpClient trusting(X509Certificate certificate) throws IOException, GeneralSecurityException {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("server", certificate);
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return HttpClient.newBuilder()
                .sslContext(context)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    /** The certificate a TLS server presents on 127.0.0.1:port (read without trusting it). */
    static X509Certificate presented(int port) throws IOException, GeneralSecurityException {
        X509Certificate[] seen = new X509Certificate[1];
        TrustManager capture = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
                seen[0] = chain[0];
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {capture}, null);
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.startHandshake();
        }
        return seen[0];
    }
}
