package groupchat.testsupport;

import groupchat.config.PostgresUrl;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * The PostgreSQL the tests may use: {@code TEST_POSTGRES_URL} (default: the role and database
 * {@code .ci/run} creates on 127.0.0.1:5432). Each test server gets a database of its own, created
 * from that role and dropped afterwards. Without a reachable PostgreSQL the PostgreSQL tests are
 * skipped with a loud notice, unless {@code TEST_POSTGRES_REQUIRED} is set (as CI does): then they fail.
 */
public final class Postgres {
    public static final String DEFAULT_URL = "postgres://groupchat:groupchat@127.0.0.1:5432/groupchat_test";
    /** The system property that runs the whole test server on PostgreSQL (see pom.xml). */
    public static final String BACKEND_PROPERTY = "tests.database";

    private static final PostgresUrl ADMIN = PostgresUrl.parse(
            Optional.ofNullable(System.getenv("TEST_POSTGRES_URL")).filter(s -> !s.isBlank()).orElse(DEFAULT_URL))
            .orElseThrow(() -> new IllegalStateException("TEST_POSTGRES_URL is not a postgres:// URL"));
    private static volatile Optional<String> problem;

    private Postgres() {}

    /** True when this test run puts its test servers on PostgreSQL instead of SQLite. */
    public static boolean selected() {
        return "postgresql".equals(System.getProperty(BACKEND_PROPERTY, "sqlite").toLowerCase(Locale.ROOT));
    }

    public static boolean required() {
        String value = System.getenv("TEST_POSTGRES_REQUIRED");
        return value != null && !value.isBlank() && !value.equals("0") && !value.equalsIgnoreCase("false");
    }

    /** Why PostgreSQL cannot be used, or empty when it can (asked once per test JVM). */
    public static synchronized Optional<String> unreachable() {
        if (problem == null) {
            try (Connection ignored = connect(ADMIN.database())) {
                problem = Optional.empty();
            } catch (SQLException e) {
                problem = Optional.of("no PostgreSQL at " + ADMIN.where() + ": " + e.getMessage());
            }
        }
        return problem;
    }

    /** For a test that needs PostgreSQL: skips it (loudly) when none is reachable, fails it when CI requires one. */
    public static void assume() {
        Optional<String> why = unreachable();
        if (why.isEmpty()) return;
        if (required()) throw new IllegalStateException("TEST_POSTGRES_REQUIRED is set, but there is " + why.get());
        notice(why.get());
        Assumptions.abort("PostgreSQL not reachable: " + why.get());
    }

    static void notice(String why) {
        System.err.println("""

                ************************************************************************
                  SKIPPING POSTGRESQL TESTS: %s
                  Set TEST_POSTGRES_URL (or run .ci/run) to run them.
                ************************************************************************
                """.formatted(why));
    }

    /** A new, empty database owned by the test role; {@link Database#close()} drops it. */
    public static Database createDatabase() {
        assume();
        String name = "gc_test_" + UUID.randomUUID().toString().replace("-", "");
        execute("CREATE DATABASE " + name);
        return new Database(name);
    }

    /** A database of the test role, as {@code DATABASE_URL} names it. */
    public record Database(String name) implements AutoCloseable {
        public String url() {
            return url(ADMIN.host(), ADMIN.port());
        }

        /** The same database reached through another address (a proxy in front of it, say). */
        public String url(String host, int port) {
            return "postgres://" + ADMIN.user() + ":" + ADMIN.password() + "@" + host + ":" + port + "/" + name;
        }

        public String host() {
            return ADMIN.host();
        }

        public int port() {
            return ADMIN.port();
        }

        /** A plain JDBC connection to this database, for a test that looks at the rows. */
        public Connection connect() throws SQLException {
            return Postgres.connect(name);
        }

        /**
         * Ends the test role's own sessions, then drops the database. Not {@code WITH (FORCE)}: that
         * also tries to end an autovacuum worker, which a non-superuser may not do, and fails; a plain
         * drop cancels autovacuum itself and waits a few seconds for the ended sessions to go.
         */
        @Override
        public void close() {
            for (int attempt = 1; ; attempt++) {
                try {
                    execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                            + " WHERE datname = '" + name + "' AND usename = current_user AND pid <> pg_backend_pid()");
                    execute("DROP DATABASE IF EXISTS " + name);
                    return;
                } catch (IllegalStateException e) {
                    if (attempt == 3) throw e; // a pool still open may have reconnected in between
                }
            }
        }
    }

    private static Connection connect(String database) throws SQLException {
        PostgresUrl url = new PostgresUrl(ADMIN.host(), ADMIN.port(), database, ADMIN.user(), ADMIN.password(),
                ADMIN.query());
        return DriverManager.getConnection(url.jdbcUrl(), ADMIN.user(), ADMIN.password());
    }

    private static void execute(String sql) {
        try (Connection c = connect(ADMIN.database()); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
