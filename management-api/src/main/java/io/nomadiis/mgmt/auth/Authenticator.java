package io.nomadiis.mgmt.auth;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.interfaces.Claim;
import com.auth0.jwt.interfaces.DecodedJWT;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns request credentials into a {@link Grant}. {@code X-Api-Key} equal to the configured key
 * grants everything (constant-time compare); {@code Authorization: Bearer} takes an HS256 JWT with
 * issuer {@code NomadIIS}, audience {@code ManagementApi}, an expiry, and the claims
 * {@code namespace}, {@code jobName}, {@code allocId} and {@code capabilities}. Anonymous mode
 * grants everything without credentials. Never logs or echoes a credential.
 */
public final class Authenticator {
    public static final String ISSUER = "NomadIIS";
    public static final String AUDIENCE = "ManagementApi";

    private final byte[] apiKey;
    private final JWTVerifier jwtVerifier;
    private final boolean anonymous;

    /**
     * @param apiKey the API key or null
     * @param jwtSecret the HS256 secret or null
     * @param anonymous grant everything without credentials (only when neither key nor secret is set)
     */
    public Authenticator(String apiKey, String jwtSecret, boolean anonymous) {
        this.apiKey = apiKey == null ? null : apiKey.getBytes(StandardCharsets.UTF_8);
        this.jwtVerifier = jwtSecret == null
                ? null
                : JWT.require(Algorithm.HMAC256(jwtSecret.getBytes(StandardCharsets.UTF_8)))
                        .withIssuer(ISSUER)
                        .withAudience(AUDIENCE)
                        .acceptLeeway(5)
                        .build();
        this.anonymous = anonymous && apiKey == null && jwtSecret == null;
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
        if (apiKeyHeader != null) {
            return apiKey != null && MessageDigest.isEqual(apiKey, apiKeyHeader.getBytes(StandardCharsets.UTF_8))
                    ? Optional.of(Grant.all("api-key"))
                    : Optional.empty();
        }
        if (authorizationHeader != null
                && jwtVerifier != null
                && authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return verifyToken(authorizationHeader.substring(7).trim());
        }
        return Optional.empty();
    }

    private Optional<Grant> verifyToken(String token) {
        DecodedJWT jwt;
        try {
            jwt = jwtVerifier.verify(token);
        } catch (JWTVerificationException e) {
            return Optional.empty();
        }
        if (jwt.getExpiresAt() == null) {
            return Optional.empty();
        }
        String subject = "jwt" + (jwt.getSubject() == null ? "" : ":" + jwt.getSubject());
        return Optional.of(new Grant(
                subject,
                string(jwt.getClaim("namespace")),
                string(jwt.getClaim("jobName")),
                string(jwt.getClaim("allocId")),
                capabilities(jwt.getClaim("capabilities"))));
    }

    private static String string(Claim claim) {
        return claim.isMissing() || claim.isNull() ? null : claim.asString();
    }

    private static Set<Capability> capabilities(Claim claim) {
        if (claim.isMissing() || claim.isNull()) {
            return Set.of();
        }
        List<String> names = claim.asList(String.class);
        if (names == null) {
            String single = claim.asString();
            names = single == null ? List.of() : List.of(single);
        }
        Set<Capability> result = EnumSet.noneOf(Capability.class);
        for (String name : names) {
            if (Grant.ANY.equals(name)) {
                return EnumSet.allOf(Capability.class);
            }
            Capability.fromClaim(name).ifPresent(result::add);
        }
        return result;
    }
}
