package groupchat.messages;

import com.fasterxml.jackson.databind.ObjectMapper;
import groupchat.auth.Authenticator;
import groupchat.web.JsonBody;
import io.javalin.config.RoutesConfig;

/** Edits, deletes and reactions of stored messages. */
public final class MessageChangeRoutes {
    private static final String MESSAGE = "/api/rooms/{room_id}/messages/{message_id}";

    private final MessageEdits edits;
    private final Reactions reactions;
    private final ObjectMapper json;

    public MessageChangeRoutes(MessageEdits edits, Reactions reactions, ObjectMapper json) {
        this.edits = edits;
        this.reactions = reactions;
        this.json = json;
    }

    public void register(RoutesConfig routes) {
        routes.patch(MESSAGE, ctx -> ctx.json(edits.edit(Authenticator.user(ctx), ctx.pathParam("room_id"),
                ctx.pathParam("message_id"), JsonBody.of(ctx, json).optionalString("content"))));
        routes.delete(MESSAGE, ctx -> {
            edits.delete(Authenticator.user(ctx), ctx.pathParam("room_id"), ctx.pathParam("message_id"));
            ctx.status(204);
        });
        routes.put(MESSAGE + "/reactions/{emoji}", ctx -> ctx.json(reactions.add(Authenticator.user(ctx),
                ctx.pathParam("room_id"), ctx.pathParam("message_id"), ctx.pathParam("emoji"))));
        routes.delete(MESSAGE + "/reactions/{emoji}", ctx -> ctx.json(reactions.remove(Authenticator.user(ctx),
                ctx.pathParam("room_id"), ctx.pathParam("message_id"), ctx.pathParam("emoji"))));
    }
}
