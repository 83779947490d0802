package groupchat.cluster;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Where the shared PostgreSQL database is, and the connections the cluster's parts keep of their
 * own, apart from the storage pool: a publish or lock call never waits for a connection that a
 * request holds while it waits for the publish (no pool can starve itself).
 */
public record PgConnections(String jdbcUrl, String user, String password) {

    /** A small pool of autocommit connections, named for the thread dumps and logs. */
    HikariDataSource pool(String name, int size) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setPoolName(name);
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(5_000);
        // A connection that stops answering (the network, not the database, broke) fails within 10 s.
        config.addDataSourceProperty("socketTimeout", "10");
        config.addDataSourceProperty("tcpKeepAlive", "true");
        // Nothing written here must survive a crash of the database: a notification is not kept
        // anyway (listeners resynchronise), and a lease or a bucket lost with the last moments
        // before a crash only lets one more answer or action through. Not waiting for the disk
        // saves a flush for every event published.
        config.setConnectionInitSql("SET synchronous_commit = off");
        return new HikariDataSource(config);
    }

    /** One connection outside any pool (the bus's LISTEN connection, kept for as long as it works). */
    Connection connect(String applicationName, int socketTimeoutSeconds) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", password);
        props.setProperty("ApplicationName", applicationName);
        props.setProperty("socketTimeout", String.valueOf(socketTimeoutSeconds));
        props.setProperty("tcpKeepAlive", "true");
        props.setProperty("connectTimeout", "5");
        return DriverManager.getConnection(jdbcUrl, props);
    }

    @Override
    public String toString() {
        return "PgConnections[" + jdbcUrl + ", user=" + user + "]"; // never the password
    }
}
