package groupchat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import groupchat.testsupport.Api;
import groupchat.testsupport.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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
    void badDatabaseUrlsStopTheStartAndCreateNothing(@TempDir Path dir) throws Exception {
        // PostgreSQL URLs are taken, but need JWT_SECRET; other schemes are refused.
        for (String url : new String[] {"postgres://chat:s3cr3t-pass@db.example:5432/chat",
                "postgresql://chat:s3cr3t-pass@db.example/chat", "mysql://chat:s3cr3t-pass@db.example/chat"}) {
            ProcessBuilder builder = new ProcessBuilder(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), Main.class.getName())
                    .directory(dir.toFile())
                    .redirectErrorStream(true);
            builder.environment().put("DATABASE_URL", url);
            builder.environment().put("SEARCH_PROVIDER", "bing");
            Process process = builder.start();
            assertTrue(process.waitFor(30, TimeUnit.SECONDS));
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(2, process.exitValue(), output);
            assertTrue(output.contains(url.startsWith("mysql") ? "scheme 'mysql:' is not supported"
                    : "JWT_SECRET must be set when DATABASE_URL names PostgreSQL"), output);
            assertTrue(output.contains("SEARCH_PROVIDER"), "listed with the other problems: " + output);
            assertFalse(output.contains("s3cr3t-pass"), output);
            try (Stream<Path> created = Files.list(dir)) {
                assertEquals(List.of(), created.toList(), "no folder is made from a URL");
            }
        }
    }

    @Test
    void backupsAreOwnerOnlyAndRotationDeletesOnlyItsOwnNames() throws Exception {
        TestServer server = TestServer.start();
        try {
            server = server.restart(Map.of());
            Path backups = server.dir().resolve("backups");
            List<String> strangers = List.of("chat-000-manual-copy.db", "chat-20200101T000000.000Z.db.bak",
                    "chat-20200101T000000.000Z-copy.db", "chat-2020.db", "notes.txt", "other-20200101T000000.000Z.db");
            for (String name : strangers) Files.writeString(backups.resolve(name), "not a backup of ours");
            // Ten older backups as this server names them: the next start keeps the ten newest of all.
            for (int i = 0; i < 10; i++) {
                Files.writeString(backups.resolve("chat-2020010" + i + "T000000.000Z" + (i == 3 ? "-2" : "") + ".db"), "old");
            }
            server = server.restart(Map.of());
            List<String> names;
            try (Stream<Path> files = Files.list(backups)) {
                names = files.map(p -> p.getFileName().toString()).sorted().toList();
            }
            for (String name : strangers) assertTrue(names.contains(name), name + " survives: " + names);
            // Ours: the ten planted and two real ones (two starts); the two oldest went.
            assertFalse(names.contains("chat-20200100T000000.000Z.db") || names.contains("chat-20200101T000000.000Z.db"),
                    names.toString());
            assertTrue(names.contains("chat-20200102T000000.000Z.db"), names.toString());
            assertEquals(10 + strangers.size(), names.size(), names.toString());
            try (Stream<Path> files = Files.list(backups)) {
                for (Path backup : files.filter(p -> !strangers.contains(p.getFileName().toString())
                        && !p.getFileName().toString().startsWith("chat-2020")).toList()) {
                    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(backup)),
                            backup.toString());
                }
            }
        } finally {
            server.close();
        }
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
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(secretFile)));
            server = server.restart(noSecret);
            assertEquals(secret, Files.readString(secretFile));
            assertEquals(200, server.api().get("/api/auth/me", user.token()).status(),
                    "a token survives a restart because the secret was kept");
        } finally {
            server.close();
        }
    }
}
