package groupchat.admin;

import static groupchat.testsupport.Api.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import groupchat.Main;
import groupchat.testsupport.Api;
import groupchat.testsupport.Api.Response;
import groupchat.testsupport.Api.TestUser;
import groupchat.testsupport.Postgres;
import groupchat.testsupport.TestServer;
import groupchat.testsupport.TestSocket;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code java -jar groupchat2.jar admin ...} on the configured database, with the server stopped or
 * running. Slow tier: it starts JVMs of its own and waits on the server's revocation poll.
 */
@Tag("slow")
class AdminCliTest {
    record Outcome(int code, String out, String err) {}

    static Outcome cli(Path dir, String stdin, String... args) {
        return cli(TestServer.env(dir, Map.of()), stdin, args);
    }

    static Outcome cli(Map<String, String> env, String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new AdminCli(new BufferedReader(new StringReader(stdin)), null,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(List.of(args), env);
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static Response login(Api api, String username, String password) {
        return api.post("/api/auth/login", null, obj("username", username, "password", password));
    }

    /** Waits (up to 10 s) for something a running server does on its own schedule. */
    static void eventually(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("not within 10 s: " + what);
            Thread.sleep(50);
        }
    }

    @Test
    void usageIsExplainedAndBadUsageExitsWith2() throws Exception {
        Path dir = Files.createTempDirectory("groupchat-cli");
        Outcome none = cli(dir, "");
        assertEquals(2, none.code());
        assertTrue(none.err().contains("create-user <username>"), none.err());
        assertEquals(0, cli(dir, "", "--help").code());
        for (String[] bad : List.of(new String[] {"frobnicate"}, new String[] {"set-admin", "alice", "maybe"},
                new String[] {"disable"}, new String[] {"disable", "a", "b"},
                new String[] {"create-user", "alice", "--display-name"})) {
            Outcome o = cli(dir, "", bad);
            assertEquals(2, o.code(), String.join(" ", bad));
            assertTrue(o.err().startsWith("error: "), o.err());
        }
        Outcome config = cli(TestServer.env(dir, Map.of("REGISTRATION", "sometimes")), "", "disable", "alice");
        assertEquals(2, config.code());
        assertTrue(config.err().contains("REGISTRATION"), config.err());
    }

    @Test
    void theCliWorksOnPostgresqlToo() throws Exception {
        Postgres.assume();
        Path dir = Files.createTempDirectory("groupchat-cli");
        try (Postgres.Database db = Postgres.createDatabase()) {
            Map<String, String> env = TestServer.env(dir, Map.of("DATABASE_URL", db.url()));
            Outcome created = cli(env, "operator-password\n", "create-user", "operator");
            assertEquals(0, created.code(), created.err());
            try (TestServer server = TestServer.start(Map.of("DATABASE_URL", db.url()))) {
                assertEquals(200, login(server.api(), "operator", "operator-password").status());
            }
        }
    }

    @Test
    void theOperatorCreatesTheFirstAdminBeforeTheServerEverStarts() throws Exception {
        Path dir = Files.createTempDirectory("groupchat-cli");
        Outcome created = cli(dir, "operator-password\n", "create-user", "operator", "--display-name", "The Operator");
        assertEquals(0, created.code(), created.err());
        assertTrue(created.out().contains("operator (admin, enabled)"), created.out());
        Outcome taken = cli(dir, "operator-password\n", "create-user", "OPERATOR");
        assertEquals(1, taken.code());
        assertEquals(1, cli(dir, "short\n", "create-user", "someone").code());
        assertEquals(1, cli(dir, "", "create-user", "someone").code(), "no password on stdin");
        assertEquals(1, cli(dir, "", "disable", "nobody").code());

        try (TestServer server = TestServer.startIn(dir, Map.of())) {
            Response login = login(server.api(), "operator", "operator-password");
            assertEquals(200, login.status(), login.toString());
            assertTrue(login.body().get("user").get("is_admin").asBoolean());
            assertEquals("The Operator", login.body().get("user").get("display_name").asText());
        }
    }

    @Test
    void aRunningServerNoticesWhatTheCliChanged() throws Exception {
        try (TestServer server = TestServer.start()) {
            Api api = server.api();
            api.register("root");
            TestUser bob = api.register("bob");
            Path dir = server.dir();
            try (TestSocket socket = TestSocket.connect(server, bob.token())) {
                assertEquals(0, cli(dir, "", "disable", "bob").code());
                // Another process's changes reach the server's memory (revocations, cached accounts) within 2 s.
                eventually(() -> api.get("/api/auth/me", bob.token()).status() == 401, "the disabled account is refused");
                assertTrue(socket.closed().get(10, TimeUnit.SECONDS).startsWith("4001"));
            }
            assertEquals(403, login(api, "bob", "password123").status());
            assertEquals(0, cli(dir, "", "enable", "bob").code());
            String token = login(api, "bob", "password123").body().get("token").asText();

            assertEquals(0, cli(dir, "", "set-admin", "bob", "true").code());
            eventually(() -> api.get("/api/auth/me", token).body().get("is_admin").asBoolean(), "bob is an admin");

            try (TestSocket socket = TestSocket.connect(server, token)) {
                Outcome reset = cli(dir, "brand-new-password\n", "reset-password", "bob");
                assertEquals(0, reset.code(), reset.err());
                assertTrue(socket.closed().get(10, TimeUnit.SECONDS).startsWith("4001"));
            }
            eventually(() -> api.get("/api/auth/me", token).status() == 401, "the old token is refused");
            assertEquals(401, login(api, "bob", "password123").status());
            assertEquals(200, login(api, "bob", "brand-new-password").status());
        }
    }

    /** The CLI as the operator runs it: {@code java ... groupchat.Main admin <args>}, the password on stdin. */
    static Outcome process(Path dir, String stdin, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "admin"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(TestServer.env(dir, Map.of()));
        Process process = builder.start();
        process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        return new Outcome(process.exitValue(), output, output);
    }

    @Test
    void theJarsMainRunsTheCommandAndExitsWithItsCode() throws Exception {
        Path dir = Files.createTempDirectory("groupchat-cli");
        Outcome created = process(dir, "process-password\n", "create-user", "viaprocess");
        assertEquals(0, created.code(), created.out());
        assertTrue(created.out().contains("created viaprocess"), created.out());
        Outcome unknown = process(dir, "", "disable", "nobody");
        assertEquals(1, unknown.code(), unknown.out());
        assertTrue(unknown.out().contains("No account named 'nobody'"), unknown.out());
    }
}
