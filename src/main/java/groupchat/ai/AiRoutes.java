package groupchat.ai;

import groupchat.auth.Authenticator;
import io.javalin.config.RoutesConfig;

/** The assistant's HTTP routes: the model list and a room's AI usage. */
public final class AiRoutes {
    private final ModelCatalog models;
    private final UsageService usage;

    public AiRoutes(ModelCatalog models, UsageService usage) {
        this.models = models;
        this.usage = usage;
    }

    public void register(RoutesConfig routes) {
        routes.get("/api/models", ctx -> ctx.json(models.list()));
        routes.get("/api/rooms/{room_id}/usage",
                ctx -> ctx.json(usage.usage(ctx.pathParam("room_id"), Authenticator.user(ctx).id())));
    }
}
