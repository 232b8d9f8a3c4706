package io.nomadiis.iis.cert;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;

/** Certificate thumbprints as Windows shows them: upper-case hex SHA-1 of the DER encoding. */
public final class Thumbprints {
    private Thumbprints() {}

    /** Strips everything that is not a hex digit (spaces, colons, invisible marks copied from MMC) and upper-cases. */
    public static String normalize(String thumbprint) {
        return thumbprint == null
                ? ""
                : thumbprint.replaceAll("[^0-9A-Fa-f]", "").toUpperCase(Locale.ROOT);
    }

    /** Whether the text is a SHA-1 thumbprint after {@link #normalize}: 40 hex digits. */
    public static boolean isValid(String thumbprint) {
        return normalize(thumbprint).length() == 40;
    }

    /** The thumbprint of a certificate. */
    public static String of(X509Certificate certificate) {
        try {
            return of(certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("cannot encode certificate " + certificate.getSubjectX500Principal(), e);
        }
    }

    /** The thumbprint of DER-encoded certificate bytes. */
    public static String of(byte[] der) {
        try {
            return HexFormat.of()
                    .withUpperCase()
                    .formatHex(MessageDigest.getInstance("SHA-1").digest(der));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is not available", e);
        }
    }

    /** The 20 bytes of a normalized thumbprint, as CryptoAPI's hash blob wants them. */
    public static byte[] bytes(String thumbprint) {
        String t = normalize(thumbprint);
        if (t.length() != 40) {
            throw new IllegalArgumentException("not a SHA-1 thumbprint: \"" + thumbprint + "\"");
        }
        return HexFormat.of().parseHex(t);
    }
}
