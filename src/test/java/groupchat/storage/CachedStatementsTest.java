package groupchat.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.StatementCustomizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One SQLite connection's prepared statements, kept and reused by the SQL they were prepared from. */
class CachedStatementsTest {
    @TempDir
    Path dir;

    /** Records the JDBC statement each execution used. */
    static final class Seen implements StatementCustomizer {
        final List<PreparedStatement> statements = new ArrayList<>();

        @Override
        public void beforeExecution(PreparedStatement statement, StatementContext ctx) {
            statements.add(statement);
        }
    }

    Handle open() {
        Jdbi jdbi = Jdbi.create("jdbc:sqlite:" + dir.resolve("t.db"));
        jdbi.setStatementBuilderFactory(connection -> new CachedStatements());
        Handle handle = jdbi.open();
        handle.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)");
        return handle;
    }

    @Test
    void aStatementWithNamedParametersIsPreparedOnce() {
        try (Handle handle = open()) {
            Seen seen = new Seen();
            for (int i = 0; i < 3; i++) {
                handle.createUpdate("INSERT INTO t (id, name) VALUES (:id, :name)").bind("id", i).bind("name", "n" + i)
                        .addCustomizer(seen).execute();
            }
            assertSame(seen.statements.get(0), seen.statements.get(1));
            assertSame(seen.statements.get(0), seen.statements.get(2));
            assertEquals(List.of("n0", "n1", "n2"), handle.createQuery("SELECT name FROM t ORDER BY id")
                    .mapTo(String.class).list());
        }
    }

    @Test
    void theSameQueryNestedInItselfGetsAStatementOfItsOwn() {
        try (Handle handle = open()) {
            handle.execute("INSERT INTO t (id, name) VALUES (1, 'a'), (2, 'b')");
            String sql = "SELECT name FROM t WHERE id >= :from ORDER BY id";
            Seen outer = new Seen();
            Seen inner = new Seen();
            List<String> pairs = new ArrayList<>();
            try (var names = handle.createQuery(sql).bind("from", 1).addCustomizer(outer).mapTo(String.class).stream()) {
                names.forEach(name -> pairs.add(name + handle.createQuery(sql).bind("from", 2).addCustomizer(inner)
                        .mapTo(String.class).one()));
            }
            assertEquals(List.of("ab", "bb"), pairs);
            assertNotSame(outer.statements.get(0), inner.statements.get(0));
            Seen after = new Seen();
            assertEquals(List.of("a", "b"), handle.createQuery(sql).bind("from", 1).addCustomizer(after)
                    .mapTo(String.class).list());
            assertSame(inner.statements.get(0), after.statements.get(0), "the first one handed back was kept");
        }
    }
}
