package groupchat;

import com.fasterxml.jackson.databind.ObjectMapper;
import groupchat.ai.AiLimits;
import groupchat.ai.AiRoutes;
import groupchat.ai.ModelCatalog;
import groupchat.ai.UsageService;
import groupchat.auth.AuthRoutes;
import groupchat.auth.AuthService;
import groupchat.auth.Authenticator;
import groupchat.auth.JwtSecret;
import groupchat.auth.Passwords;
import groupchat.auth.Tokens;
import groupchat.config.Config;
import groupchat.storage.Backups;
import groupchat.storage.Database;
import groupchat.storage.Timestamps;
import groupchat.web.ErrorHandling;
import groupchat.web.HealthRoutes;
import groupchat.web.Json;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The only place that builds the server's objects and wires them together. */
public final class App implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(App.class);
    /** Largest JSON body any route accepts; uploads have their own, larger limits. */
    static final long MAX_JSON_BODY = 1_048_576;

    private final Config config;
    private final Database db;
    private final Passwords passwords;
    private final Javalin javalin;

    public App(Config config, Clock clock) {
        this.config = config;
        Timestamps time = new Timestamps(clock);
        new Backups(config.backupsDir()).backUp(config.databasePath(), time.nowInstant());
        this.db = new Database(config.databasePath());

        ObjectMapper json = Json.newMapper();
        this.passwords = new Passwords();
        Tokens tokens = new Tokens(JwtSecret.resolve(config), Duration.ofHours(config.jwtTtlHours()), clock);
        Authenticator authenticator = new Authenticator(tokens, db);
        AuthService authService = new AuthService(db, passwords, tokens, time);

        AuthRoutes authRoutes = new AuthRoutes(authService, json);
        HealthRoutes healthRoutes = new HealthRoutes(db, config, version());

        // AI assistant: one HTTP client for OpenRouter and the search providers.
        AiLimits aiLimits = AiLimits.from(config);
        HttpClient aiHttp = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(aiLimits.connectTimeout()).build();
        ModelCatalog models = new ModelCatalog(aiHttp, json, config.openrouterBaseUrl(), config.openrouterApiKey(),
                config.defaultModel(), config.aiEnabled(), Duration.ofMinutes(10), Duration.ofSeconds(15), clock);
        AiRoutes aiRoutes = new AiRoutes(models, new UsageService(db));

        this.javalin = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.jsonMapper(new JavalinJackson(json, false));
            cfg.http.maxRequestSize = MAX_JSON_BODY;
            cfg.jetty.host = config.bindHost();
            cfg.jetty.port = config.bindPort();
            cfg.jetty.modifyServer(server -> server.setStopTimeout(10_000));
            ErrorHandling.register(cfg.routes);
            cfg.routes.beforeMatched("/api/*", authenticator::filter);
            healthRoutes.register(cfg.routes);
            authRoutes.register(cfg.routes);
            aiRoutes.register(cfg.routes);
        });
        if (!config.aiEnabled()) {
            log.warn("AI is off: OPENROUTER_API_KEY is not set. Set it (see .env.example) to let the assistant answer.");
        }
    }

    public App start() {
        javalin.start();
        log.info("GroupChat2 {} listening on {}:{}", version(), config.bindHost(), javalin.port());
        return this;
    }

    public int port() {
        return javalin.port();
    }

    /** Stops accepting, lets in-flight requests finish, then closes the database. */
    @Override
    public void close() {
        javalin.stop();
        passwords.close();
        db.close();
    }

    static String version() {
        try (InputStream in = App.class.getResourceAsStream("/groupchat-version.properties")) {
            Properties props = new Properties();
            if (in != null) props.load(in);
            return props.getProperty("version", "dev");
        } catch (IOException e) {
            return "dev";
        }
    }
}
