package groupchat.messages;

import com.fasterxml.jackson.databind.ObjectMapper;
import groupchat.auth.Authenticator;
import groupchat.web.ApiError;
import groupchat.web.JsonBody;
import io.javalin.http.ContentType;
import io.javalin.http.Context;

/** Posting and reading messages over HTTP. */
public final class MessageRoutes {
    private final MessageService messages;
    private final MessageHistory history;
    private final ObjectMapper json;

    public MessageRoutes(MessageService messages, MessageHistory history, ObjectMapper json) {
        this.messages = messages;
        this.history = history;
        this.json = json;
    }

    /**
     * History pages are the most read responses: written as the UTF-8 bytes the history hands out
     * (ctx.json builds a String first and encodes it again).
     */
    public void page(Context ctx) {
        ctx.contentType(ContentType.APPLICATION_JSON).result(history.page(
                Authenticator.user(ctx), ctx.pathParam("room_id"), ctx.queryParam("before"), ctx.queryParam("after"),
                limit(ctx.queryParam("limit"))));
    }

    public void post(Context ctx) {
        JsonBody body = JsonBody.of(ctx, json, "content", "image_url", "reply_to", "client_msg_id");
        var posted = messages.post(Authenticator.user(ctx), new PostMessage(ctx.pathParam("room_id"),
                body.optionalString("content"), body.optionalString("image_url"),
                body.optionalString("reply_to"), body.optionalString("client_msg_id")));
        ctx.status(posted.created() ? 201 : 200).json(posted.message());
    }

    public void byHash(Context ctx) {
        ctx.json(history.byHash(Authenticator.user(ctx), ctx.pathParam("hash")));
    }

    private static Integer limit(String value) {
        if (value == null) return null;
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("Parameter 'limit' must be a whole number 1-200");
        }
    }
}
