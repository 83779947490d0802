package groupchat.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import groupchat.config.PostgresUrl;
import groupchat.testsupport.Api;
import groupchat.testsupport.Api.Response;
import groupchat.testsupport.Api.TestUser;
import groupchat.testsupport.FreePorts;
import groupchat.testsupport.Postgres;
import groupchat.testsupport.Rooms;
import groupchat.testsupport.ServerProcess;
import groupchat.testsupport.TcpProxy;
import groupchat.testsupport.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL out of reach: at start (a clear error after a few seconds of trying) and while
 * running (503, then recovery). Slow tier: each refused request waits out the pool's 3 s.
 */
@Tag("slow")
class PostgresAvailabilityTest {
    static final String PASSWORD = "Pa55-never-print-me";

    @Test
    void unreachableDatabaseStopsTheStartNamingHostAndPortButNeverThePassword(@TempDir Path dir) throws Exception {
        int closedPort = FreePorts.one();
        IllegalStateException failed = assertThrows(IllegalStateException.class, () -> ServerProcess.start(dir,
                Map.of("DATABASE_URL", "postgres://chat:" + PASSWORD + "@127.0.0.1:" + closedPort + "/chat")));
        String output = failed.getMessage();
        assertTrue(output.contains("cannot connect to PostgreSQL at 127.0.0.1:" + closedPort + " (database 'chat', user 'chat')"),
                output);
        assertFalse(output.contains(PASSWORD), output);
    }

    @Test
    void aWrongPasswordIsNamedAsSuchButNeverShown() {
        Postgres.assume();
        try (Postgres.Database db = Postgres.createDatabase()) {
            PostgresUrl good = PostgresUrl.parse(db.url()).orElseThrow();
            PostgresUrl wrong = new PostgresUrl(good.host(), good.port(), good.database(), good.user(), PASSWORD, null);
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> PostgresDatabase.connect(wrong, Duration.ofMillis(500)));
            assertTrue(e.getMessage().startsWith("cannot connect to PostgreSQL at " + good.where()), e.getMessage());
            assertTrue(e.getMessage().contains("password authentication failed"), e.getMessage());
            assertFalse(e.getMessage().contains(PASSWORD), e.getMessage());
        }
    }

    @Test
    void startWaitsForADatabaseThatComesUpLate() throws Exception {
        Postgres.assume();
        try (Postgres.Database db = Postgres.createDatabase(); TcpProxy proxy = TcpProxy.to(db.host(), db.port())) {
            proxy.cut();
            CompletableFuture<TestServer> starting = CompletableFuture.supplyAsync(() ->
                    TestServer.start(Map.of("DATABASE_URL", db.url("127.0.0.1", proxy.port()))));
            waitFor(() -> proxy.refused() > 0, "the server to try the database");
            proxy.restore();
            try (TestServer server = starting.get(30, TimeUnit.SECONDS)) {
                assertEquals(201, server.api().post("/api/auth/register", null,
                        Api.obj("username", "late", "password", "password123")).status());
            }
        }
    }

    @Test
    void lostDatabaseAnswers503AndRecoversByItself() throws Exception {
        Postgres.assume();
        try (Postgres.Database db = Postgres.createDatabase(); TcpProxy proxy = TcpProxy.to(db.host(), db.port());
             TestServer server = TestServer.start(Map.of("DATABASE_URL", db.url("127.0.0.1", proxy.port())))) {
            Api api = server.api();
            TestUser alice = api.register("alice");
            String room = Rooms.publicRoom(api, alice);
            String messages = "/api/rooms/" + room + "/messages";
            assertEquals(201, api.post(messages, alice.token(), Api.obj("content", "before")).status());

            proxy.cut();
            for (Response r : new Response[] {api.get("/api/rooms", alice.token()),
                    api.post(messages, alice.token(), Api.obj("content", "during"))}) {
                assertEquals(503, r.status(), r.toString());
                assertEquals("unavailable", r.body().get("code").asText());
                assertNotNull(r.header("Retry-After"));
                assertFalse(r.text().contains("Exception") || r.text().contains("SQL"), r.text());
            }
            assertEquals("error", api.get("/api/health", null).body().get("db").asText());

            proxy.restore();
            waitFor(() -> api.get("/api/rooms", alice.token()).status() == 200, "the server to recover");
            assertEquals(201, api.post(messages, alice.token(), Api.obj("content", "after")).status());
            Response history = api.get(messages, alice.token());
            assertEquals(200, history.status());
            assertEquals("before", history.body().get(0).get("content").asText());
            assertEquals("after", history.body().get(history.body().size() - 1).get("content").asText());
            assertEquals(2, history.body().size(), "the message posted while the database was gone was not stored");
        }
    }

    /** Polls (the outcome, not its timing, is what the tests check); gives up after 30 s. */
    static void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for " + what);
            Thread.sleep(100);
        }
    }
}
