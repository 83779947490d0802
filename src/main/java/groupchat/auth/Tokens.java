package groupchat.auth;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/** HS256 JWTs. The verifier pins the algorithm, so `alg: none` or RS/HS confusion never passes. */
public final class Tokens {
    private static final String ISSUER = "groupchat2";

    private final Algorithm algorithm;
    private final JWTVerifier verifier;
    private final Duration ttl;
    private final Clock clock;

    public Tokens(String secret, Duration ttl, Clock clock) {
        this.algorithm = Algorithm.HMAC256(secret.getBytes(StandardCharsets.UTF_8));
        this.verifier = JWT.require(algorithm).withIssuer(ISSUER).acceptLeeway(0).build();
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

    /** The user id of a valid, unexpired token, or empty for anything else. */
    public Optional<String> verify(String token) {
        if (token == null || token.isBlank() || token.length() > 4096) return Optional.empty();
        try {
            return Optional.ofNullable(verifier.verify(token).getSubject());
        } catch (JWTVerificationException e) {
            return Optional.empty();
        }
    }
}
