package groupchat.auth;

import groupchat.invites.InviteDao;
import groupchat.invites.InviteService;
import groupchat.realtime.Events;
import groupchat.rooms.RoomDao;
import groupchat.ratelimit.RateLimiter;
import groupchat.storage.Database;
import groupchat.storage.Session;
import groupchat.storage.Timestamps;
import groupchat.web.ApiError;
import groupchat.web.Texts;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Accounts: register, login, profile, logout. Passwords are only ever compared through {@link Passwords}. */
public final class AuthService {
    private final Database db;
    private final Accounts accounts;
    private final Passwords passwords;
    private final Sessions sessions;
    private final SignUp signUp;
    private final InviteService invites;
    private final RateLimiter signInLimit;
    private final Timestamps time;
    private final UserCache userCache;

    /**
     * @param signInLimit the sign-in budget; password changes are counted against it per user and per
     *                    client address, so a stolen token cannot guess the current password freely
     */
    public AuthService(Database db, Accounts accounts, Passwords passwords, Sessions sessions, SignUp signUp,
                       InviteService invites, RateLimiter signInLimit, Timestamps time, UserCache userCache) {
        this.db = db;
        this.accounts = accounts;
        this.passwords = passwords;
        this.sessions = sessions;
        this.signUp = signUp;
        this.invites = invites;
        this.signInLimit = signInLimit;
        this.time = time;
        this.userCache = userCache;
    }

    public record SignedIn(String token, User user) {}

    public SignedIn register(Registration r) {
        // Checked before the costly hash, and again in the transaction that creates the account.
        if (r.username() != null) db.read(h -> admit(h, usernameKey(r.username()), r.inviteToken()));
        Accounts.NewAccount account = accounts.prepare(r.username(), r.password(), r.displayName());
        String id = UUID.randomUUID().toString();
        List<Events.MemberJoined> joined = new ArrayList<>(1);
        SignedIn signedIn = db.write(h -> {
            boolean admin = admit(h, account.usernameKey(), r.inviteToken());
            User user = accounts.insert(h, id, account, admin);
            // With open sign-up an invite is optional, but one that was given must work (404/410).
            if (r.inviteToken() != null) {
                invites.admit(h.attach(InviteDao.class), h.attach(RoomDao.class), user, r.inviteToken())
                        .ifPresent(joined::add);
            }
            return new SignedIn(sessions.open(h, id), user);
        });
        joined.forEach(invites::announce);
        return signedIn;
    }

    private boolean admit(Session h, String usernameKey, String inviteToken) {
        boolean invited = inviteToken != null && invites.usable(h.attach(InviteDao.class), inviteToken);
        return signUp.admit(h.attach(UserDao.class), usernameKey, invited);
    }

    public SignedIn login(String username, String password) {
        ApiError refused = ApiError.unauthorized("Wrong username or password");
        if (username == null || password == null || username.length() > 64 || password.length() > 256) throw refused;
        var user = db.read(h -> h.attach(UserDao.class).findByUsernameKey(usernameKey(username)));
        String hash = user.flatMap(u -> db.read(h -> h.attach(UserDao.class).passwordHash(u.id()))).orElse(null);
        // Unknown users are checked against a dummy hash, so both failures take the same time.
        if (!passwords.verify(hash, password) || user.isEmpty()) throw refused;
        // Said only to whoever knows the password.
        if (db.read(h -> h.attach(UserDao.class).isDisabled(user.get().id()))) throw disabled();
        return new SignedIn(sessions.open(user.get().id()), user.get());
    }

    /**
     * A new password needs the current one (an account without a password may set one), is counted
     * against the sign-in limit per user and per {@code clientIp}, and ends every other session.
     */
    public User updateProfile(User me, String tokenId, String clientIp, ProfileChange change) {
        String shown = change.displayName() == null ? null
                : Texts.trimmed("display_name", change.displayName(), 1, 64);
        String newHash = null;
        if (change.newPassword() != null) {
            Accounts.checkPassword("new_password", change.newPassword());
            refuseOver(signInLimit.acquire("user:" + me.id()));
            refuseOver(signInLimit.acquire(clientIp));
            String stored = db.read(h -> h.attach(UserDao.class).passwordHash(me.id())).orElse(null);
            String current = change.currentPassword();
            if (stored != null && (current == null || !passwords.verify(stored, current))) {
                throw ApiError.forbidden("Field 'current_password' is not the current password");
            }
            newHash = passwords.hash(change.newPassword());
        }
        String hash = newHash;
        User updated = db.write(h -> {
            UserDao users = h.attach(UserDao.class);
            if (shown != null) users.updateDisplayName(me.id(), shown);
            if (hash != null) {
                users.updatePasswordHash(me.id(), hash);
                h.attach(SessionDao.class).revokeAllOf(me.id(), tokenId, time.now());
            }
            return users.findById(me.id()).orElseThrow(() -> ApiError.unauthorized("Account no longer exists"));
        });
        userCache.changed(me.id());
        if (hash != null) sessions.refresh();
        return updated;
    }

    public void logout(String tokenId) {
        sessions.revoke(tokenId);
    }

    public static String usernameKey(String username) {
        return Accounts.usernameKey(username);
    }

    public static ApiError disabled() {
        return ApiError.forbidden("This account is disabled");
    }

    private static void refuseOver(long retryAfterSeconds) {
        if (retryAfterSeconds > 0) throw ApiError.rateLimited(retryAfterSeconds);
    }

}
