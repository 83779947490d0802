package groupchat.auth;

/** The public view of an account, as the API shows it. */
public record User(
        String id,
        String username,
        String displayName,
        String avatarUrl,
        String nostrPubkey,
        String createdAt) {}
