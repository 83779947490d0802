package groupchat.admin;

import groupchat.auth.Accounts;
import groupchat.auth.SessionDao;
import groupchat.auth.SignUp;
import groupchat.auth.UserDao;
import groupchat.realtime.Events;
import groupchat.realtime.RoomEvents;
import groupchat.rooms.Role;
import groupchat.rooms.RoomDao;
import groupchat.storage.Database;
import groupchat.storage.Session;
import groupchat.storage.Timestamps;
import groupchat.web.ApiError;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Server admins manage accounts: list, create, disable, re-enable, make admin, reset a password,
 * delete. Used by the admin routes and by the admin CLI (which has no signed-in admin: {@code me}
 * is null there, and its revocations reach a running server through the database).
 */
public final class AdminUsers {
    private final Database db;
    private final Accounts accounts;
    private final SignUp signUp;
    private final RoomEvents events;
    private final Timestamps time;
    private final Runnable afterRevoking;
    private final Consumer<String> accountChanged;

    /**
     * @param afterRevoking runs after a commit that revoked tokens (the server closes their sockets at
     *                      once; the CLI leaves that to the running server's poll)
     * @param accountChanged gets the id of an account after a commit that changed or deleted it (the
     *                       server's {@link groupchat.auth.UserCache})
     */
    public AdminUsers(Database db, Accounts accounts, SignUp signUp, RoomEvents events,
                      Timestamps time, Runnable afterRevoking, Consumer<String> accountChanged) {
        this.db = db;
        this.accounts = accounts;
        this.signUp = signUp;
        this.events = events;
        this.time = time;
        this.afterRevoking = afterRevoking;
        this.accountChanged = accountChanged;
    }

    public record NewUser(String username, String password, String displayName, boolean isAdmin) {}

    /** Each field may be null (unchanged). */
    public record Change(Boolean disabled, Boolean isAdmin, String password) {}

    /** An admin acting, with the token they act with (null for the CLI). */
    public record Actor(String userId, String tokenId) {}

    public List<AdminUser> list(String q, Page page) {
        return db.read(h -> h.attach(AdminDao.class).users(q, page.limit(), page.offset()));
    }

    public AdminUser create(NewUser request) {
        Accounts.NewAccount account = accounts.prepare(request.username(), request.password(), request.displayName());
        String id = UUID.randomUUID().toString();
        return db.write(h -> {
            // However it is made, the first account of an empty server is its admin.
            boolean first = !h.attach(UserDao.class).anyUser();
            accounts.insert(h, id, account, request.isAdmin() || first);
            return h.attach(AdminDao.class).user(id).orElseThrow();
        });
    }

    /** The account of a username (the CLI names accounts); 404 when there is none. */
    public AdminUser byUsername(String username) {
        return db.read(h -> h.attach(UserDao.class).findByUsernameKey(Accounts.usernameKey(username))
                .flatMap(u -> h.attach(AdminDao.class).user(u.id())))
                .orElseThrow(() -> ApiError.notFound("No account named '" + username + "'"));
    }

    /**
     * Disabling or a new password ends every session of the account (but the acting admin's own
     * token, when they change their own password). An admin cannot disable or demote themselves, so
     * the server always keeps an admin; ADMIN_USERS accounts are demoted in the configuration only.
     */
    public AdminUser update(Actor actor, String userId, Change change) {
        boolean self = actor != null && userId.equals(actor.userId());
        if (self && Boolean.TRUE.equals(change.disabled())) throw ApiError.conflict("You cannot disable yourself");
        if (self && Boolean.FALSE.equals(change.isAdmin())) {
            throw ApiError.conflict("You cannot remove your own admin rights: ask another admin");
        }
        String hash = change.password() == null ? null : accounts.hash("password", change.password());
        boolean[] revoked = {false};
        AdminUser updated = db.write(h -> {
            AdminUser user = find(h, userId);
            UserDao users = h.attach(UserDao.class);
            if (Boolean.FALSE.equals(change.isAdmin()) && signUp.isNamedAdmin(Accounts.usernameKey(user.username()))) {
                throw ApiError.conflict("'" + user.username() + "' is named in ADMIN_USERS: change the configuration");
            }
            if (change.isAdmin() != null) users.updateAdmin(userId, change.isAdmin());
            if (change.disabled() != null) users.updateDisabled(userId, change.disabled());
            if (hash != null) users.updatePasswordHash(userId, hash);
            if (Boolean.TRUE.equals(change.disabled()) || hash != null) {
                h.attach(SessionDao.class).revokeAllOf(userId, self ? actor.tokenId() : null, time.now());
                revoked[0] = true;
            }
            return find(h, userId);
        });
        accountChanged.accept(userId);
        if (revoked[0]) afterRevoking.run();
        return updated;
    }

    /**
     * Deletes the account: its sessions end, it leaves every room (announced), and a room it owned
     * alone passes to its longest-standing admin or member. Its messages stay, without an author.
     */
    public void delete(Actor actor, String userId) {
        if (actor != null && userId.equals(actor.userId())) throw ApiError.conflict("You cannot delete yourself");
        // Revoked (and the sockets closed) first: deleting the account deletes its session rows.
        db.write(h -> {
            find(h, userId);
            return h.attach(SessionDao.class).revokeAllOf(userId, null, time.now());
        });
        afterRevoking.run();
        List<Announcement> announcements = new ArrayList<>();
        db.write(h -> {
            find(h, userId);
            AdminDao admin = h.attach(AdminDao.class);
            RoomDao rooms = h.attach(RoomDao.class);
            for (String roomId : admin.roomsOwnedAlone(userId)) {
                admin.successor(roomId, userId).ifPresent(next -> {
                    rooms.setRole(roomId, next, Role.OWNER.wire());
                    announcements.add(new Announcement(roomId, Events.memberUpdated(roomId, next, Role.OWNER.wire())));
                });
            }
            for (String roomId : admin.roomsOf(userId)) {
                announcements.add(new Announcement(roomId, Events.memberLeft(roomId, userId)));
            }
            h.attach(UserDao.class).delete(userId);
            return null;
        });
        accountChanged.accept(userId);
        announcements.forEach(a -> events.publish(a.roomId(), a.event()));
    }

    private record Announcement(String roomId, Object event) {}

    private static AdminUser find(Session h, String userId) {
        return h.attach(AdminDao.class).user(userId).orElseThrow(() -> ApiError.notFound("No such user"));
    }

}
