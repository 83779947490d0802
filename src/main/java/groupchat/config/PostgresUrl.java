package groupchat.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code DATABASE_URL=postgres://user:password@host:port/database[?param=value...]} (also
 * {@code postgresql://}), the form libpq and most hosting providers print. User and password are
 * percent-decoded; the query (say {@code sslmode=require}) is handed to the JDBC driver as it is.
 * {@link #toString()} and {@link #where()} never show the password.
 */
public record PostgresUrl(String host, int port, String database, String user, String password, String query) {
    public static final int DEFAULT_PORT = 5432;

    public static boolean names(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        return lower.startsWith("postgres://") || lower.startsWith("postgresql://");
    }

    /** The parsed URL, or empty when it is not a usable PostgreSQL URL (the caller says why). */
    public static Optional<PostgresUrl> parse(String url) {
        try {
            URI uri = new URI(url);
            String path = uri.getRawPath() == null ? "" : uri.getRawPath();
            if (uri.getHost() == null || !path.matches("/[^/]+")) return Optional.empty();
            String user = null;
            String password = null;
            String userInfo = uri.getRawUserInfo();
            if (userInfo != null) {
                int colon = userInfo.indexOf(':');
                user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
                if (colon >= 0) password = decode(userInfo.substring(colon + 1));
            }
            String host = uri.getHost();
            if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
            return Optional.of(new PostgresUrl(host, uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort(),
                    decode(path.substring(1)), user, password, uri.getRawQuery()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + hostPort() + "/" + database + (query == null ? "" : "?" + query);
    }

    /** For messages and logs: host, port, database and user, never the password. */
    public String where() {
        return hostPort() + " (database '" + database + "'"
                + (user == null ? "" : ", user '" + user + "'") + ")";
    }

    /** The URL with the password masked, so printing a Config cannot leak it. */
    @Override
    public String toString() {
        return "postgres://" + (user == null ? "" : user + (password == null ? "" : ":***") + "@")
                + hostPort() + "/" + database + (query == null ? "" : "?" + query);
    }

    private String hostPort() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    private static String decode(String raw) {
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
