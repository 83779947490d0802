package groupchat.invites;

import com.fasterxml.jackson.databind.ObjectMapper;
import groupchat.auth.Authenticator;
import groupchat.web.JsonBody;
import io.javalin.http.Context;

/** Invite links over HTTP. */
public final class InviteRoutes {
    private final InviteService invites;
    private final ObjectMapper json;

    public InviteRoutes(InviteService invites, ObjectMapper json) {
        this.invites = invites;
        this.json = json;
    }

    public void create(Context ctx) {
        JsonBody body = JsonBody.of(ctx, json, "room_id", "max_uses", "expires_in_hours");
        ctx.status(201).json(invites.create(Authenticator.user(ctx), new CreateInvite(body.requiredString("room_id"),
                body.optionalInt("max_uses"), body.optionalInt("expires_in_hours"))));
    }

    public void list(Context ctx) {
        ctx.json(invites.list(Authenticator.user(ctx), ctx.queryParam("room_id")));
    }

    public void preview(Context ctx) {
        ctx.json(invites.preview(ctx.pathParam("token")));
    }

    public void accept(Context ctx) {
        JsonBody.of(ctx, json);
        ctx.json(invites.accept(Authenticator.user(ctx), ctx.pathParam("token")));
    }

    public void revoke(Context ctx) {
        invites.revoke(Authenticator.user(ctx), ctx.pathParam("token"));
        ctx.status(204);
    }
}
