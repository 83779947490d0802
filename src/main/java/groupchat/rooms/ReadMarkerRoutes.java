package groupchat.rooms;

import com.fasterxml.jackson.databind.ObjectMapper;
import groupchat.auth.Authenticator;
import groupchat.web.JsonBody;
import io.javalin.config.RoutesConfig;

public final class ReadMarkerRoutes {
    private final ReadMarkers markers;
    private final ObjectMapper json;

    public ReadMarkerRoutes(ReadMarkers markers, ObjectMapper json) {
        this.markers = markers;
        this.json = json;
    }

    public void register(RoutesConfig routes) {
        routes.post("/api/rooms/{room_id}/read", ctx -> {
            markers.markRead(Authenticator.user(ctx), ctx.pathParam("room_id"),
                    JsonBody.of(ctx, json).optionalString("message_id"));
            ctx.status(204);
        });
    }
}
