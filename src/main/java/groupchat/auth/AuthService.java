package groupchat.auth;

import groupchat.storage.Database;
import groupchat.storage.Timestamps;
import groupchat.web.ApiError;
import groupchat.web.Texts;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/** Accounts: register, login, profile. Passwords are only ever compared through {@link Passwords}. */
public final class AuthService {
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9_.-]{3,32}");

    private final Database db;
    private final Passwords passwords;
    private final Tokens tokens;
    private final Timestamps time;

    public AuthService(Database db, Passwords passwords, Tokens tokens, Timestamps time) {
        this.db = db;
        this.passwords = passwords;
        this.tokens = tokens;
        this.time = time;
    }

    public record Session(String token, User user) {}

    public Session register(Registration command) {
        String username = command.username();
        String password = command.password();
        String displayName = command.displayName();
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw ApiError.badRequest("Field 'username' must be 3-32 characters of letters, digits, '_', '.' or '-'");
        }
        checkPassword("password", password);
        String shown = displayName == null ? username : Texts.trimmed("display_name", displayName, 1, 64);
        String key = usernameKey(username);
        if (db.read(h -> h.attach(UserDao.class).usernameTaken(key))) throw taken();
        String hash = passwords.hash(password);
        String id = UUID.randomUUID().toString();
        User user = db.write(h -> {
            UserDao users = h.attach(UserDao.class);
            // Checked again inside the write: two registrations of one name may race.
            if (users.usernameTaken(key)) throw taken();
            users.insert(id, username, key, shown, hash, null, time.now());
            return users.findById(id).orElseThrow();
        });
        return new Session(tokens.issue(id), user);
    }

    public Session login(String username, String password) {
        ApiError refused = ApiError.unauthorized("Wrong username or password");
        if (username == null || password == null || username.length() > 64 || password.length() > 256) throw refused;
        var user = db.read(h -> h.attach(UserDao.class).findByUsernameKey(usernameKey(username)));
        String hash = user.flatMap(u -> db.read(h -> h.attach(UserDao.class).passwordHash(u.id()))).orElse(null);
        // Unknown users are checked against a dummy hash, so both failures take the same time.
        if (!passwords.verify(hash, password) || user.isEmpty()) throw refused;
        return new Session(tokens.issue(user.get().id()), user.get());
    }

    public User updateProfile(User me, ProfileChange command) {
        String displayName = command.displayName();
        String currentPassword = command.currentPassword();
        String newPassword = command.newPassword();
        String shown = displayName == null ? null : Texts.trimmed("display_name", displayName, 1, 64);
        String newHash = null;
        if (newPassword != null) {
            checkPassword("new_password", newPassword);
            String stored = db.read(h -> h.attach(UserDao.class).passwordHash(me.id())).orElse(null);
            // An account made by Nostr login has no password yet and may set one.
            if (stored != null && (currentPassword == null || !passwords.verify(stored, currentPassword))) {
                throw ApiError.forbidden("Field 'current_password' is not the current password");
            }
            newHash = passwords.hash(newPassword);
        }
        String hash = newHash;
        return db.write(h -> {
            UserDao users = h.attach(UserDao.class);
            if (shown != null) users.updateDisplayName(me.id(), shown);
            if (hash != null) users.updatePasswordHash(me.id(), hash);
            return users.findById(me.id()).orElseThrow(() -> ApiError.unauthorized("Account no longer exists"));
        });
    }

    public static String usernameKey(String username) {
        return username.toLowerCase(Locale.ROOT);
    }

    private static void checkPassword(String field, String password) {
        if (password == null) throw ApiError.badRequest("Field '" + field + "' is required");
        Texts.checkLength(field, password, 8, 256);
    }

    private static ApiError taken() {
        return ApiError.conflict("Username is already taken");
    }
}
