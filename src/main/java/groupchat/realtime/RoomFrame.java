package groupchat.realtime;

import java.nio.ByteBuffer;

/**
 * One room event ready for delivery: its frame (JSON, UTF-8 encoded once, shared read-only by
 * every recipient) and what it does to subscriptions. The hub builds it where the event is
 * published; a bus between servers carries it as it is to the other servers' hubs.
 *
 * @param userId the typist for {@link Effect#NOT_TO_USER}, the member for {@link Effect#MEMBER_LEFT}
 */
public record RoomFrame(String roomId, ByteBuffer frame, Effect effect, String userId) {
    public enum Effect {
        NONE,
        /** No effect here; a membership cache forgets the room's members. */
        MEMBER_JOINED,
        /** Typing goes to the others in the room, not back to the typist's own connections. */
        NOT_TO_USER,
        /** After delivery the member's connections stop receiving the room's events. */
        MEMBER_LEFT,
        /** After delivery nobody receives the room's events. */
        ROOM_DELETED
    }

    /** True for the events that change who is in the room (see rooms/Memberships). */
    public boolean changesMembership() {
        return effect == Effect.MEMBER_JOINED || effect == Effect.MEMBER_LEFT || effect == Effect.ROOM_DELETED;
    }

    static RoomFrame of(String roomId, Object event, ByteBuffer frame) {
        if (event instanceof Events.Typing typing) return new RoomFrame(roomId, frame, Effect.NOT_TO_USER, typing.userId());
        if (event instanceof Events.MemberLeft left) return new RoomFrame(roomId, frame, Effect.MEMBER_LEFT, left.userId());
        if (event instanceof Events.RoomDeleted) return new RoomFrame(roomId, frame, Effect.ROOM_DELETED, null);
        if (event instanceof Events.MemberJoined joined) {
            return new RoomFrame(roomId, frame, Effect.MEMBER_JOINED, joined.user().id());
        }
        return new RoomFrame(roomId, frame, Effect.NONE, null);
    }
}
