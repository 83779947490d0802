package groupchat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import groupchat.config.ConfigLoader;
import groupchat.testsupport.FreePorts;
import groupchat.testsupport.TestServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jetty starts while SQLite still opens the database: a request that comes in meanwhile waits
 * for it and is then answered, or fails cleanly when the database never opens. The database is
 * held shut by another connection's write transaction, which its migrations wait behind.
 */
class StartGateTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aRequestDuringStartWaitsForTheDatabaseThenIsAnswered(@TempDir Path dir) throws Exception {
        int port = FreePorts.one();
        try (Connection holder = lockedDatabase(dir)) {
            CompletableFuture<App> started = CompletableFuture.supplyAsync(() -> newApp(dir, port).start());
            CompletableFuture<HttpResponse<String>> health = healthWhenListening(port);
            // Not answered while the migrations wait (the lock holds them up to SQLite's 5 s busy timeout).
            Thread.sleep(500);
            assertFalse(health.isDone(), "answered before the database was open");
            assertFalse(started.isDone());
            holder.rollback();
            assertEquals(200, health.get(10, TimeUnit.SECONDS).statusCode());
            try (App app = started.get(10, TimeUnit.SECONDS)) {
                assertEquals(port, app.port());
            }
        }
    }

    /** Slow: the start fails only after SQLite's busy timeout (5 s). */
    @Tag("slow")
    @Test
    void aDatabaseThatNeverOpensFailsTheWaitingRequestAndTheStart(@TempDir Path dir) throws Exception {
        int port = FreePorts.one();
        try (Connection holder = lockedDatabase(dir)) {
            CompletableFuture<App> started = CompletableFuture.supplyAsync(() -> newApp(dir, port).start());
            HttpResponse<String> health = healthWhenListening(port).get(20, TimeUnit.SECONDS);
            assertEquals(500, health.statusCode());
            assertTrue(health.body().contains("\"error\""), health.body());
            assertFalse(health.body().contains("Exception"), health.body());
            assertThrows(Exception.class, () -> started.get(20, TimeUnit.SECONDS));
            // The port is free again: the failed start stopped Jetty.
            try (ServerSocket again = new ServerSocket(port)) {
                assertEquals(port, again.getLocalPort());
            }
        }
    }

    private static App newApp(Path dir, int port) {
        Map<String, String> env = new HashMap<>(TestServer.env(dir, Map.of()));
        env.put("BIND_ADDR", "127.0.0.1:" + port);
        env.put("DATABASE_URL", "sqlite:" + dir.resolve("chat.db"));
        return new App(ConfigLoader.load(env), Clock.systemUTC());
    }

    /** A WAL database with a write transaction open, so a migration's write waits behind it. */
    private static Connection lockedDatabase(Path dir) throws Exception {
        Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("chat.db"));
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA journal_mode = WAL");
        }
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE held (x INTEGER)");
        }
        return connection;
    }

    /** GET /api/health, sent as soon as the port accepts connections. */
    private CompletableFuture<HttpResponse<String>> healthWhenListening(int port) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            try (Socket probe = new Socket("127.0.0.1", port)) {
                break;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) throw notYet;
                Thread.sleep(10);
            }
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/health"))
                .timeout(Duration.ofSeconds(20)).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }
}
