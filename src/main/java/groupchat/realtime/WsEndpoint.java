package groupchat.realtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import groupchat.ai.Assistant;
import groupchat.auth.Authenticator;
import groupchat.auth.User;
import groupchat.messages.MessageService;
import groupchat.messages.PostMessage;
import groupchat.ratelimit.RateLimiter;
import groupchat.rooms.RoomService;
import groupchat.web.ApiError;
import groupchat.web.JsonBody;
import io.javalin.http.Context;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The /ws endpoint: authenticates before the upgrade, then turns client frames into service calls. */
public final class WsEndpoint {
    private static final Logger log = LoggerFactory.getLogger(WsEndpoint.class);
    private static final String USER = "groupchat.ws.user";
    private static final String CONNECTION = "groupchat.ws.connection";
    static final int MAX_QUEUED_FRAMES = 1024;
    /** Close code 1008 (policy violation) for a connection over the per-user cap. */
    static final int TOO_MANY_CONNECTIONS = 1008;
    /** Retry-After of a refused upgrade: a connection of the same user has to close first. */
    private static final long RETRY_CONNECT_SECONDS = 10;

    public record Joined(String type, String roomId) {}

    public record Pong(String type) {}

    public record ErrorFrame(String type, String code, String error, String roomId, String clientMsgId) {}

    private final Hub hub;
    private final RoomEvents events;
    private final Authenticator authenticator;
    private final RoomService rooms;
    private final MessageService messages;
    private final ObjectMapper json;
    private final List<String> allowedOrigins;
    private final Assistant assistant;
    private final JoinCatchUp catchUp;
    private final RateLimiter messagesPerUser;
    private final int maxConnectionsPerUser;
    private final Duration idleTimeout;
    private final UpgradeRelease upgradeRelease = UpgradeRelease.create();

    /**
     * @param events                where typing goes: the hub, or the bus between servers
     * @param messagesPerUser       counts send_message frames, in the same budget as POST .../messages
     * @param maxConnectionsPerUser open connections one user may have (WS_MAX_CONNECTIONS_PER_USER)
     * @param idleTimeout           a connection that receives nothing, not even a pong, this long is closed
     *                              ({@link KeepAlive} pings every third of it)
     */
    public WsEndpoint(Hub hub, RoomEvents events, Authenticator authenticator, RoomService rooms, MessageService messages,
                      ObjectMapper json, List<String> allowedOrigins, Assistant assistant, JoinCatchUp catchUp,
                      RateLimiter messagesPerUser,
                      int maxConnectionsPerUser, Duration idleTimeout) {
        this.hub = hub;
        this.events = events;
        this.authenticator = authenticator;
        this.rooms = rooms;
        this.messages = messages;
        this.json = json;
        this.allowedOrigins = allowedOrigins;
        this.assistant = assistant;
        this.catchUp = catchUp;
        this.messagesPerUser = messagesPerUser;
        this.maxConnectionsPerUser = maxConnectionsPerUser;
        this.idleTimeout = idleTimeout;
    }

    /** Sets up a connection after the upgrade, and hands its frames to {@link #onFrame}. */
    public void configure(WsConfig ws) {
        ws.onConnect(ctx -> {
            Authenticator.SignedIn signedIn = ctx.attribute(USER);
            Connection connection = new Connection(ctx.sessionId(), signedIn.user(), signedIn.tokenId(), ctx.session,
                    MAX_QUEUED_FRAMES);
            // Checked again here, atomically: parallel upgrades may all have passed beforeUpgrade().
            if (!hub.add(connection, maxConnectionsPerUser)) {
                ctx.closeSession(TOO_MANY_CONNECTIONS, "too many connections for this user");
                return;
            }
            // Revoked between the upgrade and now: the revocation's sweep may have missed it.
            if (authenticator.revoked(signedIn.tokenId())) {
                connection.close(Hub.SESSION_ENDED, "session ended: sign in again");
                return;
            }
            // Kept open by the pings of KeepAlive and the client's pongs.
            ctx.session.setIdleTimeout(idleTimeout);
            // From here on the context has no attributes or headers and no servlet request: what
            // the connection needs was read above (UpgradeRelease says why).
            upgradeRelease.release(ctx);
        });
        ws.onMessage(ctx -> onFrame(ctx, ctx.message()));
        ws.onClose(ctx -> hub.remove(ctx.sessionId()));
        ws.onError(ctx -> hub.remove(ctx.sessionId()));
    }

    /** Origin, token and the per-user connection cap, checked before the upgrade. */
    public void beforeUpgrade(Context ctx) {
        try {
            check(ctx);
        } catch (ApiError e) {
            refuse(ctx, e);
            throw e; // aborts the upgrade
        }
    }

    private void check(Context ctx) {
        String origin = ctx.header("Origin");
        if (!allowedOrigins.isEmpty() && origin != null && !allowedOrigins.contains(origin)) {
            throw ApiError.forbidden("Origin not allowed");
        }
        String token = ctx.queryParam("token");
        if (token == null) throw ApiError.unauthorized("Missing token");
        Authenticator.SignedIn signedIn = authenticator.signIn(token);
        if (hub.connectionCount(signedIn.user().id()) >= maxConnectionsPerUser) {
            throw ApiError.rateLimited("Too many open WebSocket connections for this user (at most "
                    + maxConnectionsPerUser + ")", RETRY_CONNECT_SECONDS);
        }
        ctx.attribute(USER, signedIn);
    }

    /**
     * Javalin sends no body when a before-upgrade handler fails, so the contract's JSON error is
     * written and committed here, before the exception aborts the upgrade.
     */
    private void refuse(Context ctx, ApiError e) {
        try {
            byte[] body = e.json();
            HttpServletResponse res = ctx.res();
            res.setStatus(e.status());
            e.headers().forEach(res::setHeader);
            res.setContentType("application/json");
            res.setContentLength(body.length);
            res.getOutputStream().write(body);
            res.flushBuffer();
        } catch (IOException ignored) {
            // the client is gone: nobody to tell
        }
    }

    private void onFrame(WsContext ctx, String text) {
        Connection connection = hub.connection(ctx.sessionId());
        if (connection == null) return;
        String roomId = null;
        String clientMsgId = null;
        try {
            JsonBody frame = JsonBody.parse(text.getBytes(java.nio.charset.StandardCharsets.UTF_8), json);
            roomId = frame.has("room_id") && frame.raw("room_id").isTextual() ? frame.optionalString("room_id") : null;
            clientMsgId = frame.has("client_msg_id") && frame.raw("client_msg_id").isTextual()
                    ? frame.optionalString("client_msg_id") : null;
            dispatch(connection, frame);
        } catch (ApiError e) {
            hub.reply(connection, new ErrorFrame("error", e.code(), e.getMessage(), roomId, clientMsgId));
        } catch (RuntimeException e) {
            log.error("WebSocket frame failed for user {}", connection.user().id(), e);
            hub.reply(connection, new ErrorFrame("error", "internal", "Internal server error", roomId, clientMsgId));
        }
    }

    private void dispatch(Connection connection, JsonBody frame) {
        String type = frame.requiredString("type");
        User me = connection.user();
        switch (type) {
            case "ping" -> hub.reply(connection, new Pong("pong"));
            case "join_room" -> {
                String roomId = frame.requiredString("room_id");
                // Subscribed under the membership lock (a removal cannot slip in between), and caught up
                // with a running answer atomically with its stream.
                boolean member = rooms.subscribeIfMember(roomId, me.id(), () -> catchUp.join(roomId, () -> {
                    hub.join(connection, roomId);
                    hub.reply(connection, new Joined("joined", roomId));
                }, event -> hub.reply(connection, event)));
                if (!member) throw ApiError.notFound("Room not found");
            }
            case "leave_room" -> hub.leave(connection, frame.requiredString("room_id"));
            case "typing" -> {
                String roomId = frame.requiredString("room_id");
                Boolean typing = frame.optionalBoolean("is_typing");
                if (typing == null) throw ApiError.badRequest("Field 'is_typing' is required");
                if (!connection.inRoom(roomId)) throw ApiError.badRequest("Join the room before typing in it");
                // Over the per-connection rate the frame is dropped without a word: typing is a hint.
                if (connection.mayType(System.nanoTime())) events.publish(roomId, Events.typing(roomId, me, typing));
            }
            case "send_message" -> {
                long retryAfter = messagesPerUser.acquire(me.id());
                if (retryAfter > 0) throw ApiError.tooMany("messages", retryAfter);
                var posted = messages.post(me, new PostMessage(frame.requiredString("room_id"),
                        frame.optionalString("content"), frame.optionalString("image_url"),
                        frame.optionalString("reply_to"), frame.optionalString("client_msg_id")));
                // A resend of a stored client_msg_id is acknowledged to the sender alone.
                if (!posted.created()) hub.reply(connection, Events.newMessage(posted.message()));
            }
            case "ai_stop" -> {
                String roomId = frame.requiredString("room_id");
                if (!rooms.isMember(roomId, me.id())) throw ApiError.notFound("Room not found");
                assistant.stop(roomId);
            }
            default -> throw ApiError.badRequest("Unknown frame type '" + type + "'");
        }
    }
}
