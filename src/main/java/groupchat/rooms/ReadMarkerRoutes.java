package groupchat.rooms;

import com.fasterxml.jackson.databind.ObjectMapper;
import groupchat.auth.Authenticator;
import groupchat.web.JsonBody;
import io.javalin.http.Context;

/** The caller's read marker over HTTP. */
public final class ReadMarkerRoutes {
    private final ReadMarkers markers;
    private final ObjectMapper json;

    public ReadMarkerRoutes(ReadMarkers markers, ObjectMapper json) {
        this.markers = markers;
        this.json = json;
    }

    public void markRead(Context ctx) {
        String messageId = JsonBody.of(ctx, json, "message_id").optionalString("message_id");
        markers.markRead(Authenticator.user(ctx), ctx.pathParam("room_id"), messageId);
        ctx.status(204);
    }
}
