package groupchat.config;

import groupchat.config.Config.SearchProvider;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns environment variables into a {@link Config}, collecting every problem before failing. */
public final class ConfigLoader {
    public static final String DEFAULT_MODEL = "openai/gpt-4o-mini";
    // What OpenRouter and other OpenAI-compatible servers use as model ids: "vendor/model:variant",
    // "~vendor/model-latest", or a bare name ("llama3") on servers without vendors.
    private static final Pattern MODEL_ID = Pattern.compile("~?[A-Za-z0-9][A-Za-z0-9._:@+-]*(/[A-Za-z0-9._:@+-]+)*");
    /** A URL scheme; one letter before ":\" or ":/" is a Windows drive, not a scheme. */
    private static final Pattern URL_SCHEME = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]+):");

    private final Map<String, String> env;
    private final List<String> problems = new ArrayList<>();

    private ConfigLoader(Map<String, String> env) {
        this.env = env;
    }

    public static Config load(Map<String, String> env) {
        return new ConfigLoader(env).build();
    }

    private Config build() {
        String bind = text("BIND_ADDR", "0.0.0.0:3001");
        String host = "0.0.0.0";
        int port = 3001;
        int colon = bind.lastIndexOf(':');
        if (colon <= 0 || colon == bind.length() - 1) {
            problems.add("BIND_ADDR must be host:port, got '" + bind + "'");
        } else {
            host = bind.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
            port = parsePort(bind.substring(colon + 1), bind);
        }

        String jwtSecret = blankToNull(env.get("JWT_SECRET"));
        if (jwtSecret != null && jwtSecret.getBytes(StandardCharsets.UTF_8).length < 32) {
            problems.add("JWT_SECRET must be at least 32 bytes (leave it unset to have one generated)");
        }

        SearchProvider provider = SearchProvider.OFF;
        String providerName = blankToNull(env.get("SEARCH_PROVIDER"));
        if (providerName != null) {
            switch (providerName.toLowerCase(Locale.ROOT)) {
                case "tavily" -> provider = SearchProvider.TAVILY;
                case "brave" -> provider = SearchProvider.BRAVE;
                case "none", "off" -> provider = SearchProvider.OFF;
                default -> problems.add("SEARCH_PROVIDER must be 'tavily' or 'brave', got '" + providerName + "'");
            }
        }
        String tavilyKey = blankToNull(env.get("TAVILY_API_KEY"));
        String braveKey = blankToNull(env.get("BRAVE_API_KEY"));
        if (provider == SearchProvider.TAVILY && tavilyKey == null) {
            problems.add("SEARCH_PROVIDER=tavily needs TAVILY_API_KEY");
        }
        if (provider == SearchProvider.BRAVE && braveKey == null) {
            problems.add("SEARCH_PROVIDER=brave needs BRAVE_API_KEY");
        }

        String staticDir = blankToNull(env.get("STATIC_DIR"));
        String origins = blankToNull(env.get("ALLOWED_ORIGINS"));
        String rateLimits = text("RATE_LIMITS", "on").toLowerCase(Locale.ROOT);
        if (!List.of("on", "off", "true", "false").contains(rateLimits)) {
            problems.add("RATE_LIMITS must be 'on' or 'off', got '" + rateLimits + "'");
        }

        AiCosts aiCosts = aiCosts();
        String databaseUrl = text("DATABASE_URL", "sqlite:chat.db?mode=rwc");
        PostgresUrl postgres = postgres(databaseUrl);
        if (postgres != null && jwtSecret == null) {
            problems.add("JWT_SECRET must be set when DATABASE_URL names PostgreSQL: every server sharing the"
                    + " database must sign tokens with the same key");
        }
        Config config = new Config(
                host,
                port,
                PostgresUrl.names(databaseUrl) ? null : databasePath(databaseUrl),
                jwtSecret,
                positiveInt("JWT_TTL_HOURS", 168),
                blankToNull(env.get("OPENROUTER_API_KEY")),
                baseUrl("OPENROUTER_BASE_URL", "https://openrouter.ai/api/v1"),
                defaultModel(aiCosts.models()),
                text("AI_NAME", "AI"),
                positiveInt("AI_HISTORY_LIMIT", 30),
                positiveInt("AI_MAX_TOOL_ROUNDS", 5),
                provider,
                tavilyKey,
                baseUrl("TAVILY_BASE_URL", "https://api.tavily.com"),
                braveKey,
                baseUrl("BRAVE_BASE_URL", "https://api.search.brave.com"),
                staticDir == null ? null : Path.of(staticDir),
                Path.of(text("UPLOADS_DIR", "uploads")),
                Path.of(text("BACKUPS_DIR", "backups")),
                rateLimits.equals("on") || rateLimits.equals("true"),
                origins == null ? List.of() : Arrays.stream(origins.split(",")).map(String::strip)
                        .filter(s -> !s.isEmpty()).toList(),
                LogLevel.from(env),
                positiveInt("AI_STREAM_IDLE_TIMEOUT_SECONDS", 60),
                new Limits(
                        positiveInt("RATE_LIMIT_AUTH_PER_MINUTE", 20),
                        positiveInt("RATE_LIMIT_MESSAGES_PER_MINUTE", 120),
                        positiveInt("RATE_LIMIT_UPLOADS_PER_MINUTE", 20),
                        positiveInt("RATE_LIMIT_AI_ANSWERS_PER_MINUTE", 10),
                        positiveInt("WS_MAX_CONNECTIONS_PER_USER", 20),
                        positiveInt("WS_IDLE_TIMEOUT_SECONDS", 75)),
                publicUrl(blankToNull(env.get("PUBLIC_URL"))),
                positiveInt("AI_MAX_RUNNING_ANSWERS", 8),
                positiveInt("AI_MAX_QUEUED_ANSWERS", 32),
                aiCosts,
                operator(),
                postgres);
        if (!problems.isEmpty()) throw new ConfigException(problems);
        return config;
    }

    private AiCosts aiCosts() {
        List<String> models = new ArrayList<>();
        String list = blankToNull(env.get("AI_MODELS"));
        if (list != null) {
            for (String entry : list.split(",", -1)) {
                String id = entry.strip();
                if (!MODEL_ID.matcher(id).matches() || id.length() > 200) {
                    problems.add("AI_MODELS: '" + id + "' is not a model id (like 'openai/gpt-4o-mini';"
                            + " entries are separated by commas)");
                } else if (!models.contains(id)) {
                    models.add(id);
                }
            }
        }
        return new AiCosts(List.copyOf(models), positiveInt("AI_MAX_TOKENS", 2048), budget("AI_BUDGET_USER_USD"),
                budget("AI_BUDGET_ROOM_USD"), budget("AI_BUDGET_SERVER_USD"));
    }

    /** DEFAULT_MODEL must be one rooms may use; unset, it is the first of AI_MODELS. */
    private String defaultModel(List<String> allowed) {
        String chosen = blankToNull(env.get("DEFAULT_MODEL"));
        if (chosen == null) return allowed.isEmpty() ? DEFAULT_MODEL : allowed.get(0);
        if (!allowed.isEmpty() && !allowed.contains(chosen)) {
            problems.add("DEFAULT_MODEL '" + chosen + "' is not in AI_MODELS (" + String.join(",", allowed) + ")");
        }
        return chosen;
    }

    /** A monthly budget in USD: a number >= 0, or unset for none. */
    private Double budget(String name) {
        String value = blankToNull(env.get(name));
        if (value == null) return null;
        try {
            // BigDecimal: Double.parseDouble would also take "NaN", "Infinity" and "5d".
            BigDecimal usd = new BigDecimal(value);
            if (usd.signum() >= 0) return usd.doubleValue();
        } catch (NumberFormatException ignored) {
            // reported below
        }
        problems.add(name + " must be an amount in USD (a number, 0 or more), got '" + value + "'");
        return null;
    }

    private Operator operator() {
        Operator.Registration registration = Operator.Registration.OPEN;
        String mode = text("REGISTRATION", "open").toLowerCase(Locale.ROOT);
        switch (mode) {
            case "open" -> registration = Operator.Registration.OPEN;
            case "invite" -> registration = Operator.Registration.INVITE;
            case "closed" -> registration = Operator.Registration.CLOSED;
            default -> problems.add("REGISTRATION must be 'open', 'invite' or 'closed', got '" + mode + "'");
        }
        Set<String> admins = new LinkedHashSet<>();
        for (String name : text("ADMIN_USERS", "").split(",")) {
            if (!name.isBlank()) admins.add(name.strip().toLowerCase(Locale.ROOT));
        }
        String metrics = text("METRICS", "off").toLowerCase(Locale.ROOT);
        if (!List.of("on", "off", "true", "false").contains(metrics)) {
            problems.add("METRICS must be 'on' or 'off', got '" + metrics + "'");
        }
        return new Operator(registration, Set.copyOf(admins), metrics.equals("on") || metrics.equals("true"));
    }

    /** Null for anything but a postgres:// URL. Problems never quote the URL: it may hold a password. */
    private PostgresUrl postgres(String url) {
        if (!PostgresUrl.names(url)) return null;
        PostgresUrl parsed = PostgresUrl.parse(url).orElse(null);
        if (parsed == null) {
            problems.add("DATABASE_URL must read postgres://user:password@host:port/database (percent-encode"
                    + " special characters in the user and password)");
        }
        return parsed;
    }

    /**
     * A SQLite path, plain or as {@code sqlite:path} (postgres URLs go to {@link #postgres}). Any
     * other scheme is refused before anything touches the disk: a URL taken for a path would create
     * folders named after it, password included. Messages name the scheme only, never the URL.
     */
    private Path databasePath(String url) {
        String path = url;
        Matcher scheme = URL_SCHEME.matcher(url);
        if (scheme.lookingAt() && !path.startsWith("sqlite:")) {
            String name = scheme.group(1).toLowerCase(Locale.ROOT);
            problems.add("DATABASE_URL must be a SQLite path, sqlite:<path> or postgres://...; the scheme '" + name
                    + ":' is not supported");
            return Path.of("chat.db");
        }
        if (path.startsWith("sqlite:")) path = path.substring("sqlite:".length());
        if (path.startsWith("//")) path = path.substring(2);
        int query = path.indexOf('?');
        if (query >= 0) path = path.substring(0, query);
        if (path.isBlank() || path.equals(":memory:")) {
            problems.add("DATABASE_URL must name a SQLite file, got '" + url + "'");
            return Path.of("chat.db");
        }
        return Path.of(path);
    }

    /** PUBLIC_URL: an http(s) origin, optionally with a path; kept without its trailing slash. */
    private String publicUrl(String value) {
        if (value == null) return null;
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null
                    && uri.getRawQuery() == null && uri.getRawFragment() == null && uri.getRawUserInfo() == null) {
                return value.replaceAll("/+$", "");
            }
        } catch (URISyntaxException ignored) {
            // reported below
        }
        problems.add("PUBLIC_URL must be the http(s) URL clients use to reach this server (like"
                + " https://chat.example.com), got '" + value + "'");
        return null;
    }

    private int parsePort(String value, String bind) {
        try {
            int port = Integer.parseInt(value);
            if (port >= 0 && port <= 65535) return port;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        problems.add("BIND_ADDR port must be 0-65535, got '" + bind + "'");
        return 0;
    }

    private int positiveInt(String name, int fallback) {
        String value = blankToNull(env.get(name));
        if (value == null) return fallback;
        try {
            int parsed = Integer.parseInt(value);
            if (parsed > 0) return parsed;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        problems.add(name + " must be a positive whole number, got '" + value + "'");
        return fallback;
    }

    private String baseUrl(String name, String fallback) {
        String value = text(name, fallback);
        if (!value.startsWith("http://") && !value.startsWith("https://")) {
            problems.add(name + " must be an http(s) URL, got '" + value + "'");
        }
        while (value.endsWith("/")) value = value.substring(0, value.length() - 1);
        return value;
    }

    private String text(String name, String fallback) {
        String value = blankToNull(env.get(name));
        return value == null ? fallback : value;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
