package groupchat.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PostgresUrlTest {
    static final String SECRET = "test-secret-that-is-long-enough-for-hs256!";

    @Test
    void postgresUrlSelectsPostgresql() {
        Config config = ConfigLoader.load(Map.of("DATABASE_URL", "postgres://chat:pw@db.internal:6543/groupchat",
                "JWT_SECRET", SECRET));
        assertEquals(new PostgresUrl("db.internal", 6543, "groupchat", "chat", "pw", null), config.postgres());
        assertNull(config.databasePath(), "no SQLite file is made of a PostgreSQL URL");
        assertEquals("jdbc:postgresql://db.internal:6543/groupchat", config.postgres().jdbcUrl());
    }

    @Test
    void bothSchemesAnyCaseDefaultPortAndEncodedCredentials() {
        PostgresUrl url = PostgresUrl.parse("PostgreSQL://some%40one:p%3Ass%2Fw%2Bd@localhost/chat%20db").orElseThrow();
        assertEquals("some@one", url.user());
        assertEquals("p:ss/w+d", url.password());
        assertEquals(5432, url.port());
        assertEquals("chat db", url.database());
        assertTrue(PostgresUrl.names("postgres://x/y"));
        assertFalse(PostgresUrl.names("sqlite:chat.db"));
    }

    @Test
    void queryGoesToTheDriverAndIpv6HostsKeepTheirBrackets() {
        PostgresUrl url = PostgresUrl.parse("postgres://u:p@[::1]:5433/chat?sslmode=require").orElseThrow();
        assertEquals("::1", url.host());
        assertEquals("jdbc:postgresql://[::1]:5433/chat?sslmode=require", url.jdbcUrl());
    }

    @Test
    void sqliteStaysTheDefault() {
        Config config = ConfigLoader.load(Map.of());
        assertNull(config.postgres());
        assertEquals("chat.db", config.databasePath().toString());
    }

    @Test
    void printedUrlsAndProblemsNeverShowThePassword() {
        PostgresUrl url = PostgresUrl.parse("postgres://chat:hunter22@db:5432/groupchat").orElseThrow();
        assertFalse(url.toString().contains("hunter22"), url.toString());
        assertFalse(url.where().contains("hunter22"), url.where());
        assertEquals("db:5432 (database 'groupchat', user 'chat')", url.where());

        ConfigException bad = assertThrows(ConfigException.class, () -> ConfigLoader.load(Map.of(
                "DATABASE_URL", "postgres://chat:hunter22@db:5432/", "JWT_SECRET", SECRET)));
        assertTrue(bad.getMessage().contains("postgres://user:password@host:port/database"), bad.getMessage());
        assertFalse(bad.getMessage().contains("hunter22"), bad.getMessage());
    }

    @Test
    void postgresqlNeedsASharedJwtSecret() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(Map.of(
                "DATABASE_URL", "postgres://chat:pw@db/groupchat")));
        assertTrue(e.getMessage().contains("JWT_SECRET must be set"), e.getMessage());
    }
}
