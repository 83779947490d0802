package groupchat.config;

import java.nio.file.Path;
import java.util.List;

/**
 * The whole server configuration, validated. Built by {@link ConfigLoader}.
 *
 * @param databasePath        the SQLite file, or null when {@code postgres} is set
 * @param publicUrl           PUBLIC_URL without a trailing slash, or null: where clients reach this
 *                            server (Nostr login's relay tag, fetch_page's refusal of the server itself)
 * @param aiMaxRunningAnswers AI answers generated at once, over all rooms
 * @param aiMaxQueuedAnswers  AI answers waiting for a free slot; past that a trigger is told the assistant is busy
 * @param postgres            the PostgreSQL database DATABASE_URL names, or null for SQLite (the default)
 */
public record Config(
        String bindHost,
        int bindPort,
        Path databasePath,
        String jwtSecret,
        int jwtTtlHours,
        String openrouterApiKey,
        String openrouterBaseUrl,
        String defaultModel,
        String aiName,
        int aiHistoryLimit,
        int aiMaxToolRounds,
        SearchProvider searchProvider,
        String tavilyApiKey,
        String tavilyBaseUrl,
        String braveApiKey,
        String braveBaseUrl,
        Path staticDir,
        Path uploadsDir,
        Path backupsDir,
        boolean rateLimits,
        List<String> allowedOrigins,
        String logLevel,
        int aiStreamIdleTimeoutSeconds,
        Limits limits,
        String publicUrl,
        int aiMaxRunningAnswers,
        int aiMaxQueuedAnswers,
        AiCosts aiCosts,
        Operator operator,
        PostgresUrl postgres) {

    public enum SearchProvider { OFF, TAVILY, BRAVE }

    public boolean aiEnabled() {
        return openrouterApiKey != null;
    }

    /** Where a generated JWT secret is kept: beside the database, so one data folder holds all. */
    public Path jwtSecretFile() {
        Path parent = databasePath.toAbsolutePath().getParent();
        return parent.resolve(".jwt_secret");
    }
}
