package groupchat.rooms;

import com.fasterxml.jackson.databind.ObjectMapper;
import groupchat.auth.Authenticator;
import groupchat.web.JsonBody;
import io.javalin.http.Context;

/** Direct rooms over HTTP: 201 when the pair's room was made by this call, 200 after. */
public final class DirectRoomRoutes {
    private final DirectRooms direct;
    private final ObjectMapper json;

    public DirectRoomRoutes(DirectRooms direct, ObjectMapper json) {
        this.direct = direct;
        this.json = json;
    }

    public void open(Context ctx) {
        String userId = JsonBody.of(ctx, json, "user_id").optionalString("user_id");
        var opened = direct.open(Authenticator.user(ctx), userId);
        ctx.status(opened.created() ? 201 : 200).json(opened.room());
    }
}
