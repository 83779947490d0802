package groupchat.auth;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.exceptions.TokenExpiredException;
import groupchat.web.ApiError;
import com.auth0.jwt.interfaces.DecodedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** HS256 JWTs. The verifier pins the algorithm, so `alg: none` or RS/HS confusion never passes. */
public final class Tokens {
    private static final String ISSUER = "groupchat2";

    private final Algorithm algorithm;
    private final JWTVerifier verifier;
    private final Duration ttl;
    private final Clock clock;
    private final Map<String, Claims> verified = new ConcurrentHashMap<>();

    /** What a valid token says: whose it is, its id (jti, for revocation) and when it expires. */
    public record Claims(String userId, String tokenId, long expiresAtMillis) {}

    private static final int MAX_REMEMBERED = 100_000;

    public Tokens(String secret, Duration ttl, Clock clock) {
        this.algorithm = Algorithm.HMAC256(secret.getBytes(StandardCharsets.UTF_8));
        // The server's clock, as for issuing: java-jwt would otherwise check exp and iat on its own.
        this.verifier = ((JWTVerifier.BaseVerification) JWT.require(algorithm).withIssuer(ISSUER)
                .withClaimPresence("exp").withClaimPresence("sub").acceptLeeway(0)).build(clock);
        this.ttl = ttl;
        this.clock = clock;
    }

    /** When a token issued now expires. */
    public Instant expiryOfNew() {
        return clock.instant().plus(ttl);
    }

    public String issue(String userId, String tokenId, Instant expiresAt) {
        return JWT.create()
                .withIssuer(ISSUER)
                .withSubject(userId)
                .withJWTId(tokenId)
                .withIssuedAt(clock.instant())
                .withExpiresAt(expiresAt)
                .sign(algorithm);
    }

    /**
     * The claims of a valid, unexpired token; otherwise a 401 that says whether it expired. A token
     * without an id (issued before tokens could be revoked) is refused: it could not be logged out.
     */
    public Claims claims(String token) {
        ApiError invalid = ApiError.unauthorized("Invalid bearer token");
        if (token == null || token.isBlank() || token.length() > 4096) throw invalid;
        Claims known = verified.get(token);
        if (known != null && clock.millis() < known.expiresAtMillis()) return known;
        try {
            DecodedJWT jwt = verifier.verify(token);
            if (jwt.getSubject() == null) throw invalid;
            if (jwt.getId() == null) throw ApiError.unauthorized("Token is from an older version: log in again");
            // Every request carries its token: remember good ones (until they expire) so the
            // signature and the JSON are checked once, not on every request.
            if (verified.size() >= MAX_REMEMBERED) verified.clear();
            Claims claims = new Claims(jwt.getSubject(), jwt.getId(), jwt.getExpiresAtAsInstant().toEpochMilli());
            verified.put(token, claims);
            return claims;
        } catch (TokenExpiredException e) {
            // The verifier checks the signature before the expiry: only a token we issued gets here.
            throw ApiError.unauthorized("Token has expired: log in again");
        } catch (JWTVerificationException e) {
            throw invalid;
        }
    }
}
