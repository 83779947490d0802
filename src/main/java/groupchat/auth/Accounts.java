package groupchat.auth;

import groupchat.storage.Database;
import groupchat.storage.Session;
import groupchat.storage.Timestamps;
import groupchat.web.ApiError;
import groupchat.web.Texts;
import java.util.Locale;
import java.util.regex.Pattern;

/** Creating accounts, one set of rules for sign-up, admins and the admin CLI. */
public final class Accounts {
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9_.-]{3,32}");

    private final Database db;
    private final Passwords passwords;
    private final SignUp signUp;
    private final Timestamps time;

    public Accounts(Database db, Passwords passwords, SignUp signUp, Timestamps time) {
        this.db = db;
        this.passwords = passwords;
        this.signUp = signUp;
        this.time = time;
    }

    /** A new account with everything checked; the password is hashed outside any transaction. */
    public record NewAccount(String username, String usernameKey, String displayName, String passwordHash) {}

    /** Validates and hashes; the username is checked again inside the writing transaction. */
    public NewAccount prepare(String username, String password, String displayName) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw ApiError.badRequest("Field 'username' must be 3-32 characters of letters, digits, '_', '.' or '-'");
        }
        checkPassword("password", password);
        String shown = displayName == null ? username : Texts.trimmed("display_name", displayName, 1, 64);
        String key = usernameKey(username);
        if (db.read(h -> h.attach(UserDao.class).usernameTaken(key))) throw taken();
        return new NewAccount(username, key, shown, passwords.hash(password));
    }

    /** Inside the creating transaction; an account named in ADMIN_USERS is an admin whatever {@code admin} says. */
    public User insert(Session h, String id, NewAccount account, boolean admin) {
        UserDao users = h.attach(UserDao.class);
        // Checked again inside the write: two registrations of one name may race.
        if (users.usernameTaken(account.usernameKey())) throw taken();
        users.insert(id, account.username(), account.usernameKey(), account.displayName(), account.passwordHash(),
                null, time.now(), admin || signUp.isNamedAdmin(account.usernameKey()));
        return users.findById(id).orElseThrow();
    }

    /** Checks a new password's length (naming {@code field} when it is wrong) and hashes it. */
    public String hash(String field, String password) {
        checkPassword(field, password);
        return passwords.hash(password);
    }

    public static void checkPassword(String field, String password) {
        if (password == null) throw ApiError.badRequest("Field '" + field + "' is required");
        Texts.checkLength(field, password, 8, 256);
    }

    public static String usernameKey(String username) {
        return username.toLowerCase(Locale.ROOT);
    }

    private static ApiError taken() {
        return ApiError.conflict("Username is already taken");
    }
}
