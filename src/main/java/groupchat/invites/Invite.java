package groupchat.invites;

public record Invite(
        String token,
        String roomId,
        String roomName,
        String createdBy,
        String createdAt,
        String expiresAt,
        Integer maxUses,
        int uses,
        String url) {}
