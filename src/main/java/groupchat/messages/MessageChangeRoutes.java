package groupchat.messages;

import com.fasterxml.jackson.databind.ObjectMapper;
import groupchat.auth.Authenticator;
import groupchat.web.JsonBody;
import io.javalin.http.Context;

/** Edits, deletes and reactions of stored messages over HTTP. */
public final class MessageChangeRoutes {
    private final MessageEdits edits;
    private final Reactions reactions;
    private final ObjectMapper json;

    public MessageChangeRoutes(MessageEdits edits, Reactions reactions, ObjectMapper json) {
        this.edits = edits;
        this.reactions = reactions;
        this.json = json;
    }

    public void edit(Context ctx) {
        String content = JsonBody.of(ctx, json, "content").optionalString("content");
        ctx.json(edits.edit(Authenticator.user(ctx), ctx.pathParam("room_id"), ctx.pathParam("message_id"), content));
    }

    public void delete(Context ctx) {
        edits.delete(Authenticator.user(ctx), ctx.pathParam("room_id"), ctx.pathParam("message_id"));
        ctx.status(204);
    }

    public void react(Context ctx) {
        ctx.json(reactions.add(Authenticator.user(ctx), ctx.pathParam("room_id"), ctx.pathParam("message_id"),
                ctx.pathParam("emoji")));
    }

    public void unreact(Context ctx) {
        ctx.json(reactions.remove(Authenticator.user(ctx), ctx.pathParam("room_id"), ctx.pathParam("message_id"),
                ctx.pathParam("emoji")));
    }
}
