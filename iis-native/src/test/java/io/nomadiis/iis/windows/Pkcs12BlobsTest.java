package io.nomadiis.iis.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nomadiis.iis.CertificateSpec;
import io.nomadiis.iis.IisException;
import io.nomadiis.iis.cert.Thumbprints;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Pkcs12BlobsTest {
    @TempDir
    static Path temp;

    private static Pkcs12Blob selfSigned;
    private static Path pfx;

    @BeforeAll
    static void makeCertificate() throws Exception {
        selfSigned = Pkcs12Blobs.selfSigned("web.example.test");
        pfx = Files.write(temp.resolve("site.pfx"), selfSigned.bytes());
    }

    @Test
    void selfSigned_hasHostnameSubjectLocalhostSansAndMatchingThumbprint() throws Exception {
        X509Certificate leaf = leaf(selfSigned);
        assertThat(leaf.getSubjectX500Principal().getName()).isEqualTo("CN=web.example.test");
        assertThat(leaf.getSubjectAlternativeNames().stream()
                        .map(san -> String.valueOf(san.get(1)))
                        .toList())
                .contains("localhost", "127.0.0.1", "web.example.test");
        assertThat(leaf.getExtendedKeyUsage()).contains("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
        assertThat(selfSigned.thumbprint()).isEqualTo(Thumbprints.of(leaf)).hasSize(40);
        assertThat(selfSigned.friendlyName()).isEqualTo("[MBN] CN=web.example.test");
        assertThat(selfSigned.toString()).doesNotContain(selfSigned.password());
    }

    @Test
    void selfSigned_invalidHostname_failsClearly() {
        assertThatThrownBy(() -> Pkcs12Blobs.selfSigned("bad host"))
                .isInstanceOf(IisException.class)
                .hasMessageContaining("invalid hostname \"bad host\"");
    }

    @Test
    void fromPfx_rightPassword_keepsBytesAndReadsThumbprint() throws Exception {
        Pkcs12Blob blob =
                Pkcs12Blobs.load(new CertificateSpec(null, pfx, selfSigned.password(), null, null, false, null));
        assertThat(blob.bytes()).isEqualTo(selfSigned.bytes());
        assertThat(blob.thumbprint()).isEqualTo(selfSigned.thumbprint());
    }

    @Test
    void fromPfx_wrongPasswordOrEmptyFile_failsNamingTheFile() throws Exception {
        assertThatThrownBy(() -> Pkcs12Blobs.fromPfx(pfx, "wrong"))
                .isInstanceOf(IisException.class)
                .hasMessageContaining("site.pfx")
                .hasMessageContaining("wrong password");
        Path empty = Files.createFile(temp.resolve("empty.pfx"));
        assertThatThrownBy(() -> Pkcs12Blobs.fromPfx(empty, "x"))
                .hasMessageContaining("empty.pfx")
                .hasMessageContaining("does not exist or is empty");
    }

    @Test
    void fromPem_certAndPkcs8KeyInOneFile_repacksWithTheSameThumbprint() throws Exception {
        Path bundle = temp.resolve("bundle.pem");
        Files.writeString(
                bundle,
                pem("CERTIFICATE", leaf(selfSigned).getEncoded())
                        + pem("PRIVATE KEY", key(selfSigned).getEncoded()));

        Pkcs12Blob blob = Pkcs12Blobs.load(new CertificateSpec(null, null, null, bundle, bundle, false, null));

        assertThat(blob.thumbprint()).isEqualTo(selfSigned.thumbprint());
        assertThat(key(blob).getEncoded()).isEqualTo(key(selfSigned).getEncoded());
    }

    @Test
    void fromPem_pkcs1KeyOrMissingBlocks_failClearly() throws Exception {
        Path cert = Files.writeString(
                temp.resolve("cert.pem"), pem("CERTIFICATE", leaf(selfSigned).getEncoded()));
        Path rsaKey = Files.writeString(temp.resolve("rsa.key"), pem("RSA PRIVATE KEY", new byte[] {1, 2, 3}));
        assertThatThrownBy(() -> Pkcs12Blobs.fromPem(cert, rsaKey))
                .hasMessageContaining("PKCS#8")
                .hasMessageContaining("RSA PRIVATE KEY");
        assertThatThrownBy(() -> Pkcs12Blobs.fromPem(cert, cert)).hasMessageContaining("no BEGIN PRIVATE KEY");
        assertThatThrownBy(() -> Pkcs12Blobs.fromPem(rsaKey, cert)).hasMessageContaining("no BEGIN CERTIFICATE");
        assertThatThrownBy(() -> Pkcs12Blobs.load(new CertificateSpec(null, null, null, cert, null, false, null)))
                .hasMessageContaining("key_file is required");
        assertThatThrownBy(() -> Pkcs12Blobs.load(new CertificateSpec(null, null, null, null, null, false, null)))
                .hasMessageContaining("no source given");
    }

    @Test
    void thumbprints_normalizeAndValidate() {
        assertThat(Thumbprints.normalize("\u200eab:cd ef")).isEqualTo("ABCDEF");
        assertThat(Thumbprints.isValid("00 11 22 33 44 55 66 77 88 99 AA BB CC DD EE FF 00 11 22 33"))
                .isTrue();
        assertThat(Thumbprints.isValid("ABCD")).isFalse();
        assertThat(Thumbprints.bytes(selfSigned.thumbprint())).hasSize(20);
        assertThatThrownBy(() -> Thumbprints.bytes("xyz")).hasMessageContaining("\"xyz\"");
    }

    @Test
    void certificateNames_managedPrefix() {
        assertThat(CertificateNames.managed("[MBN] CN=x")).isTrue();
        assertThat(CertificateNames.managed("[MBN]")).isTrue();
        assertThat(CertificateNames.managed("CN=x [MBN]")).isFalse();
        assertThat(CertificateNames.managed(null)).isFalse();
    }

    private static KeyStore store(Pkcs12Blob blob) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(new ByteArrayInputStream(blob.bytes()), blob.password().toCharArray());
        return store;
    }

    private static X509Certificate leaf(Pkcs12Blob blob) throws Exception {
        KeyStore store = store(blob);
        return (X509Certificate) store.getCertificate(store.aliases().nextElement());
    }

    private static PrivateKey key(Pkcs12Blob blob) throws Exception {
        KeyStore store = store(blob);
        return (PrivateKey)
                store.getKey(store.aliases().nextElement(), blob.password().toCharArray());
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.UTF_8))
                        .encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
