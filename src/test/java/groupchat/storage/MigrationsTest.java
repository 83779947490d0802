package groupchat.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import groupchat.config.PostgresUrl;
import groupchat.testsupport.Postgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One set of migrations for both databases: sql/ for both, sql/postgresql/ replacing a file where SQL must differ. */
class MigrationsTest {
    /** Tables not compared: SQLite's own (and, by name, its FTS5 index tables) and Flyway's history. */
    static final Set<String> NOT_COMPARED = Set.of("flyway_schema_history", "sqlite_sequence");

    @Test
    void everyPostgresqlFileReplacesOneOfTheSameName() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("sql", "postgresql"))) {
            for (Path file : files.toList()) {
                assertTrue(Files.isRegularFile(Path.of("sql").resolve(file.getFileName())),
                        file + " must replace a migration of the same name in sql/, so both databases have the same versions");
            }
        }
    }

    @Test
    void bothDatabasesEndWithTheSameTablesAndColumns(@TempDir Path dir) throws SQLException {
        Postgres.assume();
        Map<String, Set<String>> sqlite;
        new SqliteDatabase(dir.resolve("chat.db")).close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("chat.db"));
             ResultSet rows = c.createStatement().executeQuery("SELECT m.name, p.name FROM sqlite_master m"
                     + " JOIN pragma_table_info(m.name) p WHERE m.type = 'table' AND m.name NOT LIKE '%fts%'")) {
            sqlite = columns(rows);
        }
        Map<String, Set<String>> postgres;
        try (Postgres.Database db = Postgres.createDatabase()) {
            PostgresDatabase.connect(PostgresUrl.parse(db.url()).orElseThrow(), Duration.ofSeconds(5)).close();
            try (Connection c = db.connect();
                 ResultSet rows = c.createStatement().executeQuery("SELECT table_name, column_name"
                         + " FROM information_schema.columns WHERE table_schema = 'public'")) {
                postgres = columns(rows);
            }
        }
        assertTrue(sqlite.getOrDefault("messages", Set.of()).contains("seq"), sqlite.toString());
        assertEquals(sqlite, postgres);
    }

    private static Map<String, Set<String>> columns(ResultSet rows) throws SQLException {
        Map<String, Set<String>> tables = new TreeMap<>();
        while (rows.next()) {
            if (NOT_COMPARED.contains(rows.getString(1))) continue;
            tables.computeIfAbsent(rows.getString(1), t -> new TreeSet<>()).add(rows.getString(2));
        }
        return tables;
    }
}
