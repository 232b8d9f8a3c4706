package io.nomadiis.mgmt.auth;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTDecodeException;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.interfaces.Claim;
import com.auth0.jwt.interfaces.DecodedJWT;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns request credentials into a {@link Grant}, as the C# plugin decides them: an
 * {@code X-Api-Key} equal to the configured key grants everything (constant-time compare);
 * otherwise, when a JWT secret is configured, the {@code Authorization: Bearer} token decides,
 * whatever else the request carries (a wrong {@code X-Api-Key} beside a valid token is allowed).
 * Tokens are HMAC-signed (HS256, HS384 or HS512 with the secret), have issuer {@code NomadIIS},
 * audience {@code ManagementApi} and an expiry, are checked with 5 minutes of clock skew (the
 * default of .NET's token validation), and carry the claims {@code namespace}, {@code jobName},
 * {@code allocId} and {@code capabilities}, each a string or an array of strings. A token with a
 * claim of any other type is invalid (401). Anonymous mode grants everything without
 * credentials. Never logs or echoes a credential. Thread-safe; called on the event loop.
 */
public final class Authenticator {
    public static final String ISSUER = "NomadIIS";
    public static final String AUDIENCE = "ManagementApi";

    /** Clock skew allowed on {@code exp}, {@code nbf} and {@code iat}: .NET's default of 5 minutes. */
    public static final long CLOCK_SKEW_SECONDS = 300;

    private final byte[] apiKey;
    private final Map<String, JWTVerifier> verifiers;
    private final boolean anonymous;

    /**
     * @param apiKey the API key or null
     * @param jwtSecret the HMAC secret of bearer tokens or null
     * @param anonymous grant everything without credentials (only when neither key nor secret is set)
     */
    public Authenticator(String apiKey, String jwtSecret, boolean anonymous) {
        this.apiKey = apiKey == null ? null : apiKey.getBytes(StandardCharsets.UTF_8);
        if (jwtSecret == null) {
            this.verifiers = Map.of();
        } else {
            byte[] secret = jwtSecret.getBytes(StandardCharsets.UTF_8);
            this.verifiers = Map.of(
                    "HS256", verifier(Algorithm.HMAC256(secret)),
                    "HS384", verifier(Algorithm.HMAC384(secret)),
                    "HS512", verifier(Algorithm.HMAC512(secret)));
        }
        this.anonymous = anonymous && apiKey == null && jwtSecret == null;
    }

    private static JWTVerifier verifier(Algorithm algorithm) {
        return JWT.require(algorithm)
                .withIssuer(ISSUER)
                .withAudience(AUDIENCE)
                .acceptLeeway(CLOCK_SKEW_SECONDS)
                .build();
    }

    /**
     * The caller's grant, or empty when the credentials are missing or invalid (answer 401).
     *
     * @param apiKeyHeader the {@code X-Api-Key} header or null
     * @param authorizationHeader the {@code Authorization} header or null
     */
    public Optional<Grant> authenticate(String apiKeyHeader, String authorizationHeader) {
        if (anonymous) {
            return Optional.of(Grant.all("anonymous"));
        }
        if (apiKeyHeader != null
                && apiKey != null
                && MessageDigest.isEqual(apiKey, apiKeyHeader.getBytes(StandardCharsets.UTF_8))) {
            return Optional.of(Grant.all("api-key"));
        }
        if (authorizationHeader != null
                && !verifiers.isEmpty()
                && authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return verifyToken(authorizationHeader.substring(7).trim());
        }
        return Optional.empty();
    }

    private Optional<Grant> verifyToken(String token) {
        try {
            JWTVerifier verifier = verifiers.get(JWT.decode(token).getAlgorithm());
            if (verifier == null) {
                return Optional.empty();
            }
            DecodedJWT jwt = verifier.verify(token);
            if (jwt.getExpiresAt() == null) {
                return Optional.empty();
            }
            String subject = "jwt" + (jwt.getSubject() == null ? "" : ":" + jwt.getSubject());
            return Optional.of(new Grant(
                    subject,
                    strings(jwt.getClaim("namespace")),
                    strings(jwt.getClaim("jobName")),
                    strings(jwt.getClaim("allocId")),
                    capabilities(jwt.getClaim("capabilities"))));
        } catch (JWTVerificationException | IllTypedClaimException e) {
            return Optional.empty();
        }
    }

    /** A claim's values: a string is one, an array of strings is several; any other type is refused. */
    private static Set<String> strings(Claim claim) {
        if (claim.isMissing() || claim.isNull()) {
            return Set.of();
        }
        String single = claim.asString();
        if (single != null) {
            return Set.of(single);
        }
        Object[] raw;
        try {
            raw = claim.as(Object[].class);
        } catch (JWTDecodeException e) {
            throw new IllTypedClaimException();
        }
        Set<String> values = new HashSet<>();
        for (Object o : raw) {
            if (!(o instanceof String s)) {
                throw new IllTypedClaimException();
            }
            values.add(s);
        }
        return values;
    }

    private static Set<Capability> capabilities(Claim claim) {
        Set<Capability> result = EnumSet.noneOf(Capability.class);
        for (String name : strings(claim)) {
            if (Grant.ANY.equals(name)) {
                return EnumSet.allOf(Capability.class);
            }
            Capability.fromClaim(name).ifPresent(result::add);
        }
        return result;
    }

    /** A claim of a type other than string or array of strings: the token is invalid. */
    private static final class IllTypedClaimException extends RuntimeException {
        IllTypedClaimException() {
            super(null, null, false, false);
        }
    }
}
