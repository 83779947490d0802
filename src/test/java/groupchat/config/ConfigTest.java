package groupchat.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigTest {
    @Test
    void defaultsNeedNoEnvironmentAtAll() {
        Config config = ConfigLoader.load(Map.of());
        assertEquals("0.0.0.0", config.bindHost());
        assertEquals(3001, config.bindPort());
        assertEquals(Path.of("chat.db"), config.databasePath());
        assertNull(config.jwtSecret());
        assertEquals(168, config.jwtTtlHours());
        assertFalse(config.aiEnabled());
        assertEquals("https://openrouter.ai/api/v1", config.openrouterBaseUrl());
        assertEquals("AI", config.aiName());
        assertEquals(30, config.aiHistoryLimit());
        assertEquals(5, config.aiMaxToolRounds());
        assertEquals(Config.SearchProvider.OFF, config.searchProvider());
        assertTrue(config.rateLimits());
        assertEquals("info", config.logLevel());
    }

    @Test
    void everyProblemIsListedAtOnce() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(Map.of(
                "SEARCH_PROVIDER", "google",
                "JWT_SECRET", "too-short",
                "BIND_ADDR", "localhost:99999",
                "AI_HISTORY_LIMIT", "lots")));
        assertEquals(4, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("SEARCH_PROVIDER"));
        assertTrue(e.getMessage().contains("JWT_SECRET"));
        assertTrue(e.getMessage().contains("BIND_ADDR"));
        assertTrue(e.getMessage().contains("AI_HISTORY_LIMIT"));
    }

    @Test
    void chosenProviderNeedsItsKey() {
        var tavily = assertThrows(ConfigException.class, () -> ConfigLoader.load(Map.of("SEARCH_PROVIDER", "tavily")));
        assertTrue(tavily.getMessage().contains("TAVILY_API_KEY"));
        var brave = assertThrows(ConfigException.class, () -> ConfigLoader.load(Map.of("SEARCH_PROVIDER", "brave")));
        assertTrue(brave.getMessage().contains("BRAVE_API_KEY"));
        Config ok = ConfigLoader.load(Map.of("SEARCH_PROVIDER", "Brave", "BRAVE_API_KEY", "k"));
        assertEquals(Config.SearchProvider.BRAVE, ok.searchProvider());
    }

    @Test
    void bindAddressMustBeHostAndPort() {
        assertThrows(ConfigException.class, () -> ConfigLoader.load(Map.of("BIND_ADDR", "3001")));
        assertThrows(ConfigException.class, () -> ConfigLoader.load(Map.of("BIND_ADDR", "host:")));
        assertThrows(ConfigException.class, () -> ConfigLoader.load(Map.of("BIND_ADDR", "host:port")));
        Config v6 = ConfigLoader.load(Map.of("BIND_ADDR", "[::1]:8080"));
        assertEquals("::1", v6.bindHost());
        assertEquals(8080, v6.bindPort());
    }

    @Test
    void databaseUrlAcceptsSqliteFormAndPlainPath() {
        assertEquals(Path.of("data/x.db"), ConfigLoader.load(Map.of("DATABASE_URL", "sqlite:data/x.db?mode=rwc"))
                .databasePath());
        assertEquals(Path.of("/tmp/y.db"), ConfigLoader.load(Map.of("DATABASE_URL", "sqlite:///tmp/y.db"))
                .databasePath());
        assertEquals(Path.of("plain.db"), ConfigLoader.load(Map.of("DATABASE_URL", "plain.db")).databasePath());
    }

    @Test
    void publicUrlIsAnHttpUrlKeptWithoutItsTrailingSlash() {
        assertNull(ConfigLoader.load(Map.of()).publicUrl());
        assertEquals("https://chat.example.com/chat",
                ConfigLoader.load(Map.of("PUBLIC_URL", "https://chat.example.com/chat/")).publicUrl());
        for (String bad : new String[] {"chat.example.com", "wss://chat.example.com", "https://chat.example.com/?x=1",
                "https://user:pw@chat.example.com", "https://"}) {
            ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(Map.of("PUBLIC_URL", bad)));
            assertTrue(e.getMessage().contains("PUBLIC_URL"), bad);
        }
    }

    @Test
    void windowsDrivePathsAreNotUrlSchemes() {
        assertEquals(Path.of("C:/data/chat.db"), ConfigLoader.load(Map.of("DATABASE_URL", "C:/data/chat.db")).databasePath());
        assertThrows(ConfigException.class, () -> ConfigLoader.load(Map.of("DATABASE_URL", "file:chat.db")));
    }

    @Test
    void baseUrlsLoseTheirTrailingSlash() {
        Config config = ConfigLoader.load(Map.of("OPENROUTER_BASE_URL", "http://127.0.0.1:9/v1/"));
        assertEquals("http://127.0.0.1:9/v1", config.openrouterBaseUrl());
    }

    @Test
    void logLevelComesFromLogLevelThenRustLog() {
        assertEquals("debug", LogLevel.from(Map.of("RUST_LOG", "debug")));
        assertEquals("warn", LogLevel.from(Map.of("RUST_LOG", "groupchat=warn,tower=info")));
        assertEquals("error", LogLevel.from(Map.of("RUST_LOG", "debug", "LOG_LEVEL", "ERROR")));
    }

    @Test
    void environmentWinsOverDotEnv(@TempDir Path dir) throws Exception {
        Path dotEnv = dir.resolve(".env");
        Files.writeString(dotEnv, """
                # a comment
                AI_NAME=Robo
                DEFAULT_MODEL="quoted/model"
                BIND_ADDR=127.0.0.1:4000 # trailing comment
                export AI_HISTORY_LIMIT=12
                """);
        Map<String, String> merged = EnvFile.merged(dotEnv, Map.of("AI_NAME", "FromEnv"));
        Config config = ConfigLoader.load(merged);
        assertEquals("FromEnv", config.aiName());
        assertEquals("quoted/model", config.defaultModel());
        assertEquals(4000, config.bindPort());
        assertEquals(12, config.aiHistoryLimit());
    }
}
