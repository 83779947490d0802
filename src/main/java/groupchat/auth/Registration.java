package groupchat.auth;

/** POST /api/auth/register; {@code displayName} null means the username. */
public record Registration(String username, String password, String displayName) {}
