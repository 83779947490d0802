package groupchat.rooms;

import groupchat.auth.User;
import groupchat.realtime.Events;
import groupchat.realtime.UserEvents;
import groupchat.storage.Database;
import groupchat.web.ApiError;

/** Read markers, kept on the server so every device of a user shows the same unread counts. */
public final class ReadMarkers {
    private final Database db;
    private final UserEvents events;

    public ReadMarkers(Database db, UserEvents events) {
        this.db = db;
        this.events = events;
    }

    /** Moves the caller's marker to {@code messageId} when that is further on; never back. */
    public void markRead(User me, String roomId, String messageId) {
        if (messageId == null) throw ApiError.badRequest("Field 'message_id' is required");
        db.write(h -> {
            RoomAccess.requireMember(h.attach(RoomDao.class), roomId, me.id());
            ReadMarkerDao markers = h.attach(ReadMarkerDao.class);
            long seq = markers.seqOf(messageId, roomId)
                    .orElseThrow(() -> ApiError.badRequest("Field 'message_id' must be a message of this room"));
            // Announced inside the write, so two devices moving the marker at once are told in
            // the order the moves were stored and end on the same marker.
            if (markers.moveForward(roomId, me.id(), seq) == 1) {
                events.publishToUser(me.id(), Events.readMarker(roomId, messageId));
            }
            return null;
        });
    }
}
