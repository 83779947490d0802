package groupchat.admin;

/** The User object plus what only admins see: whether the account is disabled, and when it was last seen. */
public record AdminUser(
        String id,
        String username,
        String displayName,
        String avatarUrl,
        String nostrPubkey,
        String createdAt,
        boolean isAdmin,
        boolean disabled,
        String lastSeenAt) {}
