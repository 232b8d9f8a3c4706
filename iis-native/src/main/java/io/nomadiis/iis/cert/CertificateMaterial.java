package io.nomadiis.iis.cert;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A certificate chain (leaf first) with the leaf's private key, as read from a job's certificate source.
 * Both hosts start from this: the portable host stores it, the Windows host packs it for the machine store.
 *
 * @param key the leaf's private key; never logged
 * @param chain the leaf first, then any intermediates
 */
public record CertificateMaterial(PrivateKey key, List<X509Certificate> chain) {
    public CertificateMaterial {
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a certificate chain needs at least the leaf certificate");
        }
    }

    /** The leaf certificate. */
    public X509Certificate leaf() {
        return chain.get(0);
    }

    /** The chain as an array, as {@link java.security.KeyStore} wants it. */
    public X509Certificate[] chainArray() {
        return chain.toArray(new X509Certificate[0]);
    }

    /** The leaf's thumbprint: upper-case hex SHA-1 of its DER encoding, as Windows shows it. */
    public String thumbprint() {
        return Thumbprints.of(leaf());
    }

    @Override
    public String toString() {
        return "CertificateMaterial[subject=" + leaf().getSubjectX500Principal().getName() + ", chain=" + chain.size()
                + "]";
    }
}
