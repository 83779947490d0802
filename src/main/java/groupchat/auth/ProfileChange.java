package groupchat.auth;

/** PUT /api/auth/profile: null fields are left as they are. */
public record ProfileChange(String displayName, String currentPassword, String newPassword) {}
