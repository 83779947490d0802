package groupchat.auth;

/**
 * POST /api/auth/register; {@code displayName} null means the username; {@code inviteToken} (may be
 * null) is a room invite accepted for the new account (REGISTRATION=invite needs one).
 */
public record Registration(String username, String password, String displayName, String inviteToken) {}
