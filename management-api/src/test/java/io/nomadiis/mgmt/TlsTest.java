package io.nomadiis.mgmt;

import static org.assertj.core.api.Assertions.assertThat;

import io.nomadiis.mgmt.files.Trees;
import io.nomadiis.testing.ExternalTools;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;

/** The API over https with a PEM certificate and PKCS#8 key. */
class TlsTest {

    @Test
    void status_overHttpsWithPemCertificate_200() throws Exception {
        ExternalTools.require(Path.of("/usr/bin/openssl"), "openssl");
        Path dir = Files.createTempDirectory("mgmt-tls");
        try {
            Path cert = dir.resolve("cert.pem");
            Path key = dir.resolve("key.pem");
            Process p = new ProcessBuilder(
                            "openssl",
                            "req",
                            "-x509",
                            "-newkey",
                            "rsa:2048",
                            "-nodes",
                            "-days",
                            "1",
                            "-subj",
                            "/CN=localhost",
                            "-addext",
                            "subjectAltName=DNS:localhost,IP:127.0.0.1",
                            "-keyout",
                            key.toString(),
                            "-out",
                            cert.toString())
                    .redirectErrorStream(true)
                    .start();
            p.getInputStream().readAllBytes();
            assertThat(p.waitFor()).isZero();
            try (ApiFixture api = ApiFixture.onIisDouble(
                    Limits.defaults(),
                    ManagementOptions.of(0, ApiFixture.API_KEY, null, false).withTls(cert, key))) {
                KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
                trust.load(null, null);
                try (InputStream in = Files.newInputStream(cert)) {
                    trust.setCertificateEntry(
                            "api", CertificateFactory.getInstance("X.509").generateCertificate(in));
                }
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(trust);
                SSLContext ssl = SSLContext.getInstance("TLS");
                ssl.init(null, tmf.getTrustManagers(), null);
                HttpClient client = HttpClient.newBuilder()
                        .sslContext(ssl)
                        .connectTimeout(Duration.ofSeconds(10))
                        .build();
                String url =
                        "https://127.0.0.1:" + api.server.port() + "/api/v1/allocs/" + ApiFixture.ALLOC + "/web/status";
                HttpResponse<String> r = client.send(
                        HttpRequest.newBuilder(URI.create(url))
                                .header("X-Api-Key", ApiFixture.API_KEY)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.body()).contains(ApiFixture.ALLOC);
            }
        } finally {
            Trees.deleteRecursively(dir);
        }
    }
}
