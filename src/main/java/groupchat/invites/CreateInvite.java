package groupchat.invites;

/** POST /api/invites; {@code maxUses} and {@code expiresInHours} null mean no limit. */
public record CreateInvite(String roomId, Integer maxUses, Integer expiresInHours) {}
