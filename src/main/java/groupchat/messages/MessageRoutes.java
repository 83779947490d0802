package groupchat.messages;

import com.fasterxml.jackson.databind.ObjectMapper;
import groupchat.auth.Authenticator;
import groupchat.web.ApiError;
import groupchat.web.JsonBody;
import io.javalin.config.RoutesConfig;
import io.javalin.http.ContentType;

public final class MessageRoutes {
    private final MessageService messages;
    private final ObjectMapper json;

    public MessageRoutes(MessageService messages, ObjectMapper json) {
        this.messages = messages;
        this.json = json;
    }

    public void register(RoutesConfig routes) {
        // History pages are the most read responses: written as UTF-8 bytes straight away
        // (ctx.json builds a String first and encodes it again).
        routes.get("/api/rooms/{room_id}/messages", ctx -> ctx.contentType(ContentType.APPLICATION_JSON)
                .result(json.writeValueAsBytes(messages.page(Authenticator.user(ctx), ctx.pathParam("room_id"),
                        ctx.queryParam("before"), ctx.queryParam("after"), limit(ctx.queryParam("limit"))))));
        routes.post("/api/rooms/{room_id}/messages", ctx -> {
            JsonBody body = JsonBody.of(ctx, json);
            var posted = messages.post(Authenticator.user(ctx), ctx.pathParam("room_id"),
                    body.optionalString("content"), body.optionalString("image_url"),
                    body.optionalString("reply_to"), body.optionalString("client_msg_id"));
            ctx.status(posted.created() ? 201 : 200).json(posted.message());
        });
        routes.get("/api/messages/hash/{hash}", ctx ->
                ctx.json(messages.byHash(Authenticator.user(ctx), ctx.pathParam("hash"))));
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
