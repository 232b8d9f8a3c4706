package io.nomadiis.iis.portable.service;

import io.nomadiis.files.AtomicFiles;
import io.nomadiis.iis.BindingSpec;
import io.nomadiis.iis.CertificateSpec;
import io.nomadiis.iis.IisException;
import io.nomadiis.iis.InstalledCertificate;
import io.nomadiis.iis.cert.CertificateMaterial;
import io.nomadiis.iis.cert.CertificateSources;
import io.nomadiis.iis.cert.Thumbprints;
import io.nomadiis.iis.portable.Json;
import io.nomadiis.log.LogField;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;

/**
 * The portable analogue of LocalMachine\My: one PKCS#12 file per certificate, keyed by its upper-case
 * hex SHA-1 thumbprint, plus metadata (friendly name, {@code [MBN]} for "managed by Nomad", the
 * managed flag). Certificates come from a PFX, from PEM files, or are generated self-signed
 * ({@link CertificateSources}). Passwords are never logged.
 *
 * <p>Threads: the service's {@code control-*} threads (install, remove) and the site listeners' TLS
 * handshakes (SNI key lookups); loaded certificates are kept in a concurrent map.
 */
final class CertificateStore {
    static final String MANAGED_PREFIX = "[MBN] ";

    private final Path dir;
    private final Map<String, Entry> loaded = new ConcurrentHashMap<>();

    /**
     * A stored certificate's metadata.
     *
     * @param thumbprint upper-case hex SHA-1
     * @param friendlyName e.g. {@code [MBN] CN=localhost}
     * @param managed whether the driver installed it
     * @param storePassword the password of its PKCS#12 file; never logged
     */
    record Metadata(String thumbprint, String friendlyName, boolean managed, String storePassword) {
        @Override
        public String toString() {
            return "Metadata[thumbprint=" + thumbprint + ", friendlyName=" + friendlyName + ", managed=" + managed
                    + "]";
        }
    }

    /** A loaded certificate: key and chain, leaf first. */
    record Entry(PrivateKey key, X509Certificate[] chain) {}

    CertificateStore(Path dir) {
        this.dir = dir;
    }

    static String normalize(String thumbprint) {
        return Thumbprints.normalize(thumbprint);
    }

    boolean exists(String thumbprint) {
        String t = normalize(thumbprint);
        return !t.isEmpty() && Files.exists(dir.resolve(t + ".json"));
    }

    /** Installs the certificate the spec names (or finds it) and returns its thumbprint. */
    InstalledCertificate install(CertificateSpec spec) throws IisException {
        if (spec.thumbprint() != null && !spec.thumbprint().isBlank()) {
            String t = normalize(spec.thumbprint());
            Metadata metadata = metadata(t);
            if (metadata == null) {
                throw new IisException("certificate " + t + " is not installed in the certificate store");
            }
            return new InstalledCertificate(t, metadata.managed());
        }
        CertificateMaterial material = CertificateSources.load(spec);
        Entry entry = new Entry(material.key(), material.chainArray());
        try {
            String t = material.thumbprint();
            Metadata existing = metadata(t);
            if (existing != null) {
                return new InstalledCertificate(t, existing.managed());
            }
            save(t, entry);
            return new InstalledCertificate(t, true);
        } catch (GeneralSecurityException | IOException e) {
            throw new IisException("failed to install certificate: " + e.getMessage(), e);
        }
    }

    /** Removes a certificate if the driver installed it. */
    void removeManaged(String thumbprint) {
        String t = normalize(thumbprint);
        Metadata metadata = metadata(t);
        if (metadata != null && metadata.managed()) {
            loaded.remove(t);
            try {
                Files.deleteIfExists(dir.resolve(t + ".p12"));
                Files.deleteIfExists(dir.resolve(t + ".json"));
            } catch (IOException e) {
                System.getLogger(CertificateStore.class.getName())
                        .log(
                                System.Logger.Level.WARNING,
                                "cannot remove the certificate",
                                LogField.of("thumbprint", t),
                                LogField.path(dir),
                                LogField.error(e.getMessage()));
            }
        }
    }

    /** The certificate's key and chain, or null when it is not in the store. */
    Entry entry(String thumbprint) {
        String t = normalize(thumbprint);
        return loaded.computeIfAbsent(t, key -> {
            Metadata metadata = metadata(key);
            if (metadata == null) {
                return null;
            }
            try (InputStream in = Files.newInputStream(dir.resolve(key + ".p12"))) {
                KeyStore store = KeyStore.getInstance("PKCS12");
                char[] password = metadata.storePassword().toCharArray();
                store.load(in, password);
                Certificate[] chain = store.getCertificateChain("cert");
                X509Certificate[] x509 = new X509Certificate[chain.length];
                for (int i = 0; i < chain.length; i++) {
                    x509[i] = (X509Certificate) chain[i];
                }
                return new Entry((PrivateKey) store.getKey("cert", password), x509);
            } catch (IOException | GeneralSecurityException e) {
                return null;
            }
        });
    }

    /** A TLS context for an endpoint whose certificate is chosen per handshake by SNI from the endpoint's bindings. */
    SSLContext sslContext(Endpoint endpoint, Supplier<List<BindingSpec>> bindings) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[] {new SniKeyManager(this, bindings)}, null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot create a TLS context for " + endpoint + ": " + e.getMessage(), e);
        }
    }

    private void save(String thumbprint, Entry entry) throws IOException, GeneralSecurityException {
        Files.createDirectories(dir);
        AtomicFiles.ownerOnly(dir);
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String password = HexFormat.of().formatHex(random);
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("cert", entry.key(), password.toCharArray(), entry.chain());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        store.store(bytes, password.toCharArray());
        AtomicFiles.write(dir.resolve(thumbprint + ".p12"), bytes.toByteArray());
        Metadata metadata = new Metadata(
                thumbprint,
                MANAGED_PREFIX + entry.chain()[0].getSubjectX500Principal().getName(),
                true,
                password);
        AtomicFiles.write(dir.resolve(thumbprint + ".json"), Json.MAPPER.writeValueAsBytes(metadata));
    }

    private Metadata metadata(String thumbprint) {
        Path file = dir.resolve(thumbprint + ".json");
        if (thumbprint.isEmpty() || !Files.exists(file)) {
            return null;
        }
        try {
            return Json.MAPPER.readValue(file.toFile(), Metadata.class);
        } catch (IOException e) {
            return null;
        }
    }
}
