package groupchat.rooms;

import groupchat.auth.User;
import groupchat.realtime.Events;
import java.util.Optional;

/**
 * The one place a user becomes a plain member of a room, however they got there (joining a
 * public room, an invite link, a Nostr invite, a pending Nostr invite at first login).
 */
public final class Membership {
    private Membership() {}

    /**
     * Adds {@code user} as a member inside the caller's transaction. Returns the
     * {@code member_joined} event to publish once that transaction has committed, or empty
     * when the user already was a member (whose role is kept).
     */
    public static Optional<Events.MemberJoined> join(RoomDao rooms, String roomId, User user, String now) {
        if (rooms.addMember(roomId, user.id(), Role.MEMBER.wire(), now) == 0) return Optional.empty();
        return Optional.of(Events.memberJoined(roomId, user));
    }
}
