package groupchat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import groupchat.testsupport.Api;
import groupchat.testsupport.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartupTest {
    @Test
    void invalidConfigurationStopsTheStartWithEveryProblem(@TempDir Path dir) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName())
                .directory(dir.toFile())
                .redirectErrorStream(true);
        builder.environment().put("SEARCH_PROVIDER", "bing");
        builder.environment().put("JWT_SECRET", "short");
        builder.environment().put("BIND_ADDR", "nowhere");
        Process process = builder.start();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertNotEquals(0, process.exitValue());
        assertTrue(output.contains("SEARCH_PROVIDER"), output);
        assertTrue(output.contains("JWT_SECRET"), output);
        assertTrue(output.contains("BIND_ADDR"), output);
        assertTrue(Files.notExists(dir.resolve("chat.db")), "nothing is created when the configuration is bad");
    }

    @Test
    void twelveStartsKeepTheTenNewestBackups() throws Exception {
        TestServer server = TestServer.start();
        var user = server.api().register("survivor");
        try {
            for (int i = 0; i < 11; i++) server = server.restart(Map.of());
            List<Path> backups;
            try (Stream<Path> files = Files.list(server.dir().resolve("backups"))) {
                backups = files.sorted().toList();
            }
            assertEquals(10, backups.size(), backups.toString());
            // Each backup is a complete, consistent database with the data in it.
            try (var c = DriverManager.getConnection("jdbc:sqlite:" + backups.get(backups.size() - 1));
                 var s = c.createStatement()) {
                var check = s.executeQuery("PRAGMA integrity_check");
                check.next();
                assertEquals("ok", check.getString(1));
                var rows = s.executeQuery("SELECT username FROM users");
                rows.next();
                assertEquals("survivor", rows.getString(1));
            }
            assertEquals(200, server.api().post("/api/auth/login", null,
                    Api.obj("username", "survivor", "password", "password123")).status());
            assertEquals(user.id(), server.api().get("/api/auth/me", user.token()).body().get("id").asText());
        } finally {
            server.close();
        }
    }

    @Test
    void databaseRunsInWalModeWithForeignKeys() throws Exception {
        try (TestServer server = TestServer.start()) {
            try (var c = DriverManager.getConnection("jdbc:sqlite:" + server.dir().resolve("chat.db"));
                 var s = c.createStatement()) {
                var mode = s.executeQuery("PRAGMA journal_mode");
                mode.next();
                assertEquals("wal", mode.getString(1));
            }
            assertTrue(Files.exists(server.dir().resolve("chat.db-wal")));
        }
    }

    @Test
    void jwtSecretIsGeneratedOnceAndKept() throws Exception {
        Map<String, String> noSecret = Map.of("JWT_SECRET", "");
        TestServer server = TestServer.start(noSecret);
        try {
            var user = server.api().register("keeper");
            Path secretFile = server.dir().resolve(".jwt_secret");
            String secret = Files.readString(secretFile);
            assertTrue(secret.strip().length() >= 32);
            server = server.restart(noSecret);
            assertEquals(secret, Files.readString(secretFile));
            assertEquals(200, server.api().get("/api/auth/me", user.token()).status(),
                    "a token survives a restart because the secret was kept");
        } finally {
            server.close();
        }
    }
}
