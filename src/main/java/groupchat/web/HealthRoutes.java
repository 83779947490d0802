package groupchat.web;

import groupchat.config.Config;
import groupchat.storage.Database;
import io.javalin.http.Context;
import java.util.Locale;

/** GET /api/health: is the server up, and what is switched on. */
public final class HealthRoutes {
    /** The contract's fields, plus {@code ai_name} (AI_NAME), which the client offers in @mention completion. */
    public record Health(String status, String version, String db, String ai, String search, String aiName) {}

    private final Database db;
    private final Config config;
    private final String version;

    public HealthRoutes(Database db, Config config, String version) {
        this.db = db;
        this.config = config;
        this.version = version;
    }

    public void health(Context ctx) {
        ctx.json(new Health("ok", version, db.healthy() ? "ok" : "error", config.aiEnabled() ? "on" : "off",
                config.searchProvider().name().toLowerCase(Locale.ROOT), config.aiName()));
    }
}
