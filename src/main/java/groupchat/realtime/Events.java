package groupchat.realtime;

import groupchat.auth.User;
import groupchat.messages.Message;
import groupchat.rooms.Room;

/** The room events of the contract, as records that serialize to its frames. */
public final class Events {
    private Events() {}

    public record NewMessage(String type, String roomId, Message message) {}

    /** An edit, a delete (the tombstone) or a reaction change of a stored message. */
    public record MessageUpdated(String type, String roomId, Message message) {}

    /** To the reader's own connections: their read marker in the room moved. */
    public record ReadMarker(String type, String roomId, String messageId) {}

    /** To a user's own connections: they are now in this room (a direct room was made for them). */
    public record RoomAdded(String type, String roomId, Room room) {}

    public record Typing(String type, String roomId, String userId, String username, boolean isTyping) {}

    public record RoomUpdated(String type, String roomId, Room room) {}

    public record RoomDeleted(String type, String roomId) {}

    public record RoomCleared(String type, String roomId) {}

    public record MemberJoined(String type, String roomId, User user) {}

    public record MemberLeft(String type, String roomId, String userId) {}

    /** Not in the contract's list: a member's role changed. */
    public record MemberUpdated(String type, String roomId, String userId, String role) {}

    public static NewMessage newMessage(Message message) {
        return new NewMessage("new_message", message.roomId(), message);
    }

    public static MessageUpdated messageUpdated(Message message) {
        return new MessageUpdated("message_updated", message.roomId(), message);
    }

    public static ReadMarker readMarker(String roomId, String messageId) {
        return new ReadMarker("read_marker", roomId, messageId);
    }

    public static RoomAdded roomAdded(Room room) {
        return new RoomAdded("room_added", room.id(), room);
    }

    public static Typing typing(String roomId, User user, boolean isTyping) {
        return new Typing("typing", roomId, user.id(), user.username(), isTyping);
    }

    public static RoomUpdated roomUpdated(Room room) {
        return new RoomUpdated("room_updated", room.id(), room.withoutRole());
    }

    public static RoomDeleted roomDeleted(String roomId) {
        return new RoomDeleted("room_deleted", roomId);
    }

    public static RoomCleared roomCleared(String roomId) {
        return new RoomCleared("room_cleared", roomId);
    }

    public static MemberJoined memberJoined(String roomId, User user) {
        return new MemberJoined("member_joined", roomId, user);
    }

    public static MemberLeft memberLeft(String roomId, String userId) {
        return new MemberLeft("member_left", roomId, userId);
    }

    public static MemberUpdated memberUpdated(String roomId, String userId, String role) {
        return new MemberUpdated("member_updated", roomId, userId, role);
    }
}
