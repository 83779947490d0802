package groupchat.testsupport;

import java.util.Optional;
import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.launcher.PostDiscoveryFilter;

/**
 * In the PostgreSQL run (see pom.xml), leaves every test out when no PostgreSQL can be reached,
 * with one loud notice, instead of failing each class as it starts its server; unless CI
 * requires PostgreSQL, when the tests run and fail. Registered in META-INF/services.
 */
public final class PostgresTestsFilter implements PostDiscoveryFilter {
    private boolean noticed;

    @Override
    public FilterResult apply(TestDescriptor test) {
        if (!Postgres.selected() || Postgres.required()) return FilterResult.included("SQLite, or PostgreSQL required");
        Optional<String> why = Postgres.unreachable();
        if (why.isEmpty()) return FilterResult.included("PostgreSQL reachable");
        if (!noticed) {
            noticed = true;
            Postgres.notice(why.get());
        }
        return FilterResult.excluded("PostgreSQL not reachable: " + why.get());
    }
}
