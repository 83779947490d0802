package groupchat.auth;

import groupchat.config.Config;
import groupchat.storage.OwnerOnly;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

/** The signing key: JWT_SECRET when given, else one generated on first start and kept on disk. */
public final class JwtSecret {
    private JwtSecret() {}

    public static String resolve(Config config) {
        if (config.jwtSecret() != null) return config.jwtSecret();
        Path file = config.jwtSecretFile();
        try {
            if (Files.isRegularFile(file)) {
                String kept = Files.readString(file, StandardCharsets.UTF_8).strip();
                if (kept.length() >= 32) return kept;
            }
            byte[] bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
            String secret = HexFormat.of().formatHex(bytes);
            // Created 0600 before the key is written, so no other user ever gets to read it.
            Files.deleteIfExists(file);
            OwnerOnly.createFile(file);
            Files.writeString(file, secret + "\n", StandardCharsets.UTF_8);
            return secret;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read or write the JWT secret file " + file, e);
        }
    }
}
