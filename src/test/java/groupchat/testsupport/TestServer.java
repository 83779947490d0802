package groupchat.testsupport;

import groupchat.App;
import groupchat.config.ConfigLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The real server on a free loopback port, with its data in a fresh temp folder: a SQLite file
 * there, or, in the PostgreSQL run ({@link Postgres#selected()}), a fresh PostgreSQL database
 * dropped when the server is closed.
 */
public final class TestServer implements AutoCloseable {
    public static final String JWT_SECRET = "test-secret-that-is-long-enough-for-hs256!";

    private final Path dir;
    private final Postgres.Database postgres;
    private final App app;
    private final Api api;

    private TestServer(Path dir, Postgres.Database postgres, Map<String, String> env, Clock clock) {
        this.dir = dir;
        this.postgres = postgres;
        Map<String, String> withDatabase = new HashMap<>(env);
        if (postgres != null) withDatabase.put("DATABASE_URL", postgres.url());
        try {
            this.app = new App(ConfigLoader.load(withDatabase), clock).start();
        } catch (RuntimeException e) {
            if (postgres != null) postgres.close();
            throw e;
        }
        this.api = new Api("http://127.0.0.1:" + app.port());
    }

    public static TestServer start() {
        return start(Map.of());
    }

    /** Starts with the default test environment, overridden by {@code overrides}. */
    public static TestServer start(Map<String, String> overrides) {
        return start(overrides, Clock.systemUTC());
    }

    /** The same on {@code clock} (a {@link MovableClock} for rules measured in minutes or hours). */
    public static TestServer start(Map<String, String> overrides, Clock clock) {
        try {
            Path dir = Files.createTempDirectory("groupchat-test");
            boolean ownDatabase = Postgres.selected() && !overrides.containsKey("DATABASE_URL");
            return new TestServer(dir, ownDatabase ? Postgres.createDatabase() : null, env(dir, overrides), clock);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Starts on a data folder that already holds a database (made by the admin CLI, say). */
    public static TestServer startIn(Path dir, Map<String, String> overrides) {
        return new TestServer(dir, null, env(dir, overrides), Clock.systemUTC());
    }

    /** Starts another server on the same data folder and database (a restart). */
    public TestServer restart(Map<String, String> overrides) {
        close(false);
        return new TestServer(dir, postgres, env(dir, overrides), Clock.systemUTC());
    }

    public static Map<String, String> env(Path dir, Map<String, String> overrides) {
        Map<String, String> env = new HashMap<>();
        env.put("BIND_ADDR", "127.0.0.1:0");
        env.put("DATABASE_URL", "sqlite:" + dir.resolve("chat.db") + "?mode=rwc");
        env.put("JWT_SECRET", JWT_SECRET);
        env.put("UPLOADS_DIR", dir.resolve("uploads").toString());
        env.put("BACKUPS_DIR", dir.resolve("backups").toString());
        env.put("RATE_LIMITS", "off");
        env.put("LOG_LEVEL", "warn");
        env.putAll(overrides);
        return env;
    }

    public Api api() {
        return api;
    }

    public int port() {
        return app.port();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + app.port();
    }

    public String wsUrl(String token) {
        return "ws://127.0.0.1:" + app.port() + "/ws?token=" + token;
    }

    /**
     * A plain JDBC connection to this server's database, SQLite or PostgreSQL, for a test that edits
     * rows. Foreign keys are enforced on both, as on the server's own connections (SQLite's are off
     * unless asked for): deleting a row cascades as the server's would.
     */
    public Connection connectDatabase() throws SQLException {
        if (postgres != null) return postgres.connect();
        Properties foreignKeys = new Properties();
        foreignKeys.setProperty("foreign_keys", "true");
        return DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("chat.db"), foreignKeys);
    }

    /** The PostgreSQL database of this server, or null on SQLite. */
    public Postgres.Database postgres() {
        return postgres;
    }

    public Path dir() {
        return dir;
    }

    /** Every route the server answers, as "METHOD /path" in Javalin's path syntax. */
    public List<String> routes() {
        return app.routes();
    }

    @Override
    public void close() {
        close(true);
    }

    private void close(boolean deleteFiles) {
        app.close();
        if (!deleteFiles) return;
        if (postgres != null) postgres.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp folder left behind is harmless
        }
    }
}
