package groupchat;

import static groupchat.ratelimit.RouteLimit.NONE;
import static groupchat.web.Route.Auth.ADMIN;
import static groupchat.web.Route.Auth.PUBLIC;
import static groupchat.web.Route.Auth.USER;
import static groupchat.web.Route.Auth.USER_IF_TOKEN;
import static groupchat.web.Route.delete;
import static groupchat.web.Route.get;
import static groupchat.web.Route.patch;
import static groupchat.web.Route.post;
import static groupchat.web.Route.put;

import groupchat.admin.AdminRoutes;
import groupchat.ai.AiRoutes;
import groupchat.auth.AuthRoutes;
import groupchat.invites.InviteRoutes;
import groupchat.messages.MessageChangeRoutes;
import groupchat.messages.MessageRoutes;
import groupchat.metrics.ServerMetrics;
import groupchat.nostr.NostrRoutes;
import groupchat.ratelimit.RateLimits;
import groupchat.ratelimit.RouteLimit;
import groupchat.realtime.WsEndpoint;
import groupchat.rooms.DirectRoomRoutes;
import groupchat.rooms.ReadMarkerRoutes;
import groupchat.rooms.RoomRoutes;
import groupchat.search.SearchRoutes;
import groupchat.uploads.UploadRoutes;
import groupchat.web.ApiDocs;
import groupchat.web.HealthRoutes;
import groupchat.web.Route;
import groupchat.web.Router;
import io.javalin.config.RoutesConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * Every route of the server, in one table: method, path, handler, who may call it, and the rate
 * limit that counts it. The limit belongs to the route, so every spelling of its path that
 * reaches the handler is counted (see {@link Router}). To add a route, add a line here.
 * Not routes: the browser client's static files and its page fallback ({@code web/StaticFiles}).
 * {@code metrics} is null unless METRICS=on.
 */
record Routes(HealthRoutes health, AuthRoutes auth, NostrRoutes nostr, RoomRoutes rooms, MessageRoutes messages,
              InviteRoutes invites, UploadRoutes uploads, AiRoutes ai, AdminRoutes admin, WsEndpoint ws,
              ApiDocs docs, MessageChangeRoutes changes, ReadMarkerRoutes readMarkers, DirectRoomRoutes direct,
              SearchRoutes search, ServerMetrics metrics) {

    List<Route> table(RateLimits limits) {
        // One budget per client IP for everything that signs in (each costs an Argon2 hash or a signature check).
        RouteLimit signIn = RouteLimit.perClientIp("sign-ins", limits.auth());
        RouteLimit uploading = RouteLimit.perUser("uploads", limits.uploads());
        // Shared with the WebSocket's send_message frames (WsEndpoint counts those).
        RouteLimit posting = RouteLimit.perUser("messages", limits.messages());
        List<Route> table = new ArrayList<>(List.of(
                get("/api/health", health::health, PUBLIC, NONE),
                get("/api/openapi.json", docs::openApi, PUBLIC, NONE),

                post("/api/auth/register", auth::register, PUBLIC, signIn),
                post("/api/auth/login", auth::login, PUBLIC, signIn),
                post("/api/auth/logout", auth::logout, USER, NONE),
                get("/api/auth/me", auth::me, USER, NONE),
                put("/api/auth/profile", auth::updateProfile, USER, NONE),
                post("/api/auth/avatar", uploads::avatar, USER, uploading),
                post("/api/auth/nostr/challenge", nostr::challenge, PUBLIC, signIn),
                post("/api/auth/nostr/verify", nostr::verify, USER_IF_TOKEN, signIn),

                get("/api/rooms", rooms::list, USER, NONE),
                post("/api/rooms", rooms::create, USER, NONE),
                get("/api/rooms/{room_id}", rooms::get, USER, NONE),
                put("/api/rooms/{room_id}", rooms::update, USER, NONE),
                delete("/api/rooms/{room_id}", rooms::delete, USER, NONE),
                post("/api/rooms/{room_id}/join", rooms::join, USER, NONE),
                post("/api/rooms/{room_id}/clear", rooms::clear, USER, NONE),
                put("/api/rooms/{room_id}/members/{user_id}", rooms::setRole, USER, NONE),
                delete("/api/rooms/{room_id}/members/{user_id}", rooms::removeMember, USER, NONE),
                get("/api/rooms/{room_id}/usage", ai::usage, USER, NONE),

                get("/api/rooms/{room_id}/messages", messages::page, USER, NONE),
                post("/api/rooms/{room_id}/messages", messages::post, USER, posting),
                get("/api/messages/hash/{hash}", messages::byHash, USER, NONE),
                // Each change is announced to the room like a new message, so it counts like one.
                patch("/api/rooms/{room_id}/messages/{message_id}", changes::edit, USER, posting),
                delete("/api/rooms/{room_id}/messages/{message_id}", changes::delete, USER, posting),
                put("/api/rooms/{room_id}/messages/{message_id}/reactions/{emoji}", changes::react, USER, posting),
                delete("/api/rooms/{room_id}/messages/{message_id}/reactions/{emoji}", changes::unreact, USER,
                        posting),
                post("/api/rooms/{room_id}/read", readMarkers::markRead, USER, NONE),
                get("/api/search", search::search, USER, NONE),
                post("/api/dms", direct::open, USER, NONE),

                post("/api/invites", invites::create, USER, NONE),
                get("/api/invites", invites::list, USER, NONE),
                post("/api/invites/nostr", nostr::invite, USER, NONE),
                get("/api/invites/{token}", invites::preview, PUBLIC, NONE),
                post("/api/invites/{token}/accept", invites::accept, USER, NONE),
                delete("/api/invites/{token}", invites::revoke, USER, NONE),

                get("/api/models", ai::models, USER, NONE),
                post("/api/upload", uploads::chatImage, USER, uploading),
                get("/uploads/*", uploads::serve, PUBLIC, NONE),

                get("/api/admin/users", admin::users, ADMIN, NONE),
                post("/api/admin/users", admin::createUser, ADMIN, NONE),
                put("/api/admin/users/{user_id}", admin::updateUser, ADMIN, NONE),
                delete("/api/admin/users/{user_id}", admin::deleteUser, ADMIN, NONE),
                get("/api/admin/rooms", admin::rooms, ADMIN, NONE),
                delete("/api/admin/rooms/{room_id}", admin::deleteRoom, ADMIN, NONE),
                get("/api/admin/usage", admin::usage, ADMIN, NONE)));
        // Only with METRICS=on; no token, so keep it behind the proxy or a firewall (docs/deploy.md).
        if (metrics != null) table.add(get("/metrics", metrics::scrape, PUBLIC, NONE));
        return table;
    }

    void install(RoutesConfig routes, Router router, RateLimits limits) {
        router.install(routes, table(limits));
        // The WebSocket: its token comes as ?token= and is checked before the upgrade, as are the
        // Origin and the per-user connection cap (WS_MAX_CONNECTIONS_PER_USER); frames: WsEndpoint.
        routes.wsBeforeUpgrade("/ws", ws::beforeUpgrade);
        routes.ws("/ws", ws::configure);
    }
}
