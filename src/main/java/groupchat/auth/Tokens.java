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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** HS256 JWTs. The verifier pins the algorithm, so `alg: none` or RS/HS confusion never passes. */
public final class Tokens {
    private static final String ISSUER = "groupchat2";

    private final Algorithm algorithm;
    private final JWTVerifier verifier;
    private final Duration ttl;
    private final Clock clock;
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    private record Verified(String userId, long expiresAtMillis) {}

    private static final int MAX_REMEMBERED = 100_000;

    public Tokens(String secret, Duration ttl, Clock clock) {
        this.algorithm = Algorithm.HMAC256(secret.getBytes(StandardCharsets.UTF_8));
        this.verifier = JWT.require(algorithm).withIssuer(ISSUER).withClaimPresence("exp").withClaimPresence("sub")
                .acceptLeeway(0).build();
        this.ttl = ttl;
        this.clock = clock;
    }

    public String issue(String userId) {
        var now = clock.instant();
        return JWT.create()
                .withIssuer(ISSUER)
                .withSubject(userId)
                .withIssuedAt(now)
                .withExpiresAt(now.plus(ttl))
                .sign(algorithm);
    }

    /** The user id of a valid, unexpired token; otherwise a 401 that says whether it expired. */
    public String userId(String token) {
        ApiError invalid = ApiError.unauthorized("Invalid bearer token");
        if (token == null || token.isBlank() || token.length() > 4096) throw invalid;
        Verified known = verified.get(token);
        if (known != null && clock.millis() < known.expiresAtMillis()) return known.userId();
        try {
            DecodedJWT jwt = verifier.verify(token);
            if (jwt.getSubject() == null) throw invalid;
            // Every request carries its token: remember good ones (until they expire) so the
            // signature and the JSON are checked once, not on every request.
            if (verified.size() >= MAX_REMEMBERED) verified.clear();
            verified.put(token, new Verified(jwt.getSubject(), jwt.getExpiresAtAsInstant().toEpochMilli()));
            return jwt.getSubject();
        } catch (TokenExpiredException e) {
            // The verifier checks the signature before the expiry: only a token we issued gets here.
            throw ApiError.unauthorized("Token has expired: log in again");
        } catch (JWTVerificationException e) {
            throw invalid;
        }
    }
}
