package groupchat.invites;

/** An invites row joined with its room's name. */
public record InviteRow(
        String token,
        String roomId,
        String roomName,
        String roomDescription,
        String createdBy,
        String createdAt,
        String expiresAt,
        Integer maxUses,
        int uses,
        boolean revoked) {

    public Invite toInvite() {
        return new Invite(token, roomId, roomName, createdBy, createdAt, expiresAt, maxUses, uses, "/invite/" + token);
    }

    /** Usable now: not revoked, not used up, not expired (timestamps compare as text). */
    public boolean validAt(String now) {
        return !revoked && (maxUses == null || uses < maxUses) && (expiresAt == null || expiresAt.compareTo(now) > 0);
    }
}
