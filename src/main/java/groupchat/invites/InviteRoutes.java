package groupchat.invites;

import com.fasterxml.jackson.databind.ObjectMapper;
import groupchat.auth.Authenticator;
import groupchat.web.Access;
import groupchat.web.JsonBody;
import io.javalin.config.RoutesConfig;

public final class InviteRoutes {
    private final InviteService invites;
    private final ObjectMapper json;

    public InviteRoutes(InviteService invites, ObjectMapper json) {
        this.invites = invites;
        this.json = json;
    }

    public void register(RoutesConfig routes) {
        routes.post("/api/invites", ctx -> {
            JsonBody body = JsonBody.of(ctx, json);
            ctx.status(201).json(invites.create(Authenticator.user(ctx), body.optionalString("room_id"),
                    body.optionalInt("max_uses"), body.optionalInt("expires_in_hours")));
        });
        routes.get("/api/invites", ctx -> ctx.json(invites.list(Authenticator.user(ctx), ctx.queryParam("room_id"))));
        routes.get("/api/invites/{token}", ctx -> ctx.json(invites.preview(ctx.pathParam("token"))), Access.PUBLIC);
        routes.post("/api/invites/{token}/accept", ctx ->
                ctx.json(invites.accept(Authenticator.user(ctx), ctx.pathParam("token"))));
        routes.delete("/api/invites/{token}", ctx -> {
            invites.revoke(Authenticator.user(ctx), ctx.pathParam("token"));
            ctx.status(204);
        });
    }
}
