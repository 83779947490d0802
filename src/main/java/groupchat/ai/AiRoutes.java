package groupchat.ai;

import groupchat.auth.Authenticator;
import io.javalin.http.Context;

/** The assistant's HTTP routes: the model list and a room's AI usage. */
public final class AiRoutes {
    private final ModelCatalog models;
    private final UsageService usage;

    public AiRoutes(ModelCatalog models, UsageService usage) {
        this.models = models;
        this.usage = usage;
    }

    public void models(Context ctx) {
        ctx.json(models.list());
    }

    public void usage(Context ctx) {
        ctx.json(usage.usage(ctx.pathParam("room_id"), Authenticator.user(ctx).id()));
    }
}
