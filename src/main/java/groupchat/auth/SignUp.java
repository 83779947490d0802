package groupchat.auth;

import groupchat.config.Operator;
import groupchat.config.Operator.Registration;
import groupchat.web.ApiError;
import java.util.Set;

/**
 * Who may create an account by signing up (REGISTRATION), and which accounts are server admins:
 * the first account of an empty server, which may always sign up, and those named in ADMIN_USERS.
 * Admins create accounts whatever the mode.
 */
public final class SignUp {
    private final Registration mode;
    private final Set<String> adminUsers;

    public SignUp(Operator operator) {
        this.mode = operator.registration();
        this.adminUsers = operator.adminUsers();
    }

    /**
     * Inside the transaction that creates the account: refuses with 403 {@code registration_closed}
     * when the mode does not let this sign-up through; returns whether the new account is an admin.
     *
     * @param invited the sign-up comes with a usable room invite (or a pending Nostr invite)
     */
    public boolean admit(UserDao users, String usernameKey, boolean invited) {
        boolean first = !users.anyUser();
        if (!first && mode == Registration.CLOSED) {
            throw ApiError.registrationClosed("Sign-up is closed on this server: ask an admin for an account");
        }
        if (!first && mode == Registration.INVITE && !invited) {
            throw ApiError.registrationClosed("Sign-up on this server needs a valid invite ('invite_token')");
        }
        return first || isNamedAdmin(usernameKey);
    }

    /** Named in ADMIN_USERS: an admin that only the configuration can demote. */
    public boolean isNamedAdmin(String usernameKey) {
        return adminUsers.contains(usernameKey);
    }

    public Set<String> namedAdmins() {
        return adminUsers;
    }
}
