package groupchat.messages;

import groupchat.auth.User;
import groupchat.rooms.DirectRoomDao;
import groupchat.rooms.Role;
import groupchat.rooms.RoomAccess;
import groupchat.rooms.RoomDao;
import groupchat.storage.Timestamps;
import groupchat.web.ApiError;

/** Editing (the author, human messages only) and deleting (the author, or the room's owners and admins). */
public final class MessageEdits {
    private final MessageUpdates updates;
    private final Timestamps time;

    public MessageEdits(MessageUpdates updates, Timestamps time) {
        this.updates = updates;
        this.time = time;
    }

    /** Same content rules as posting; the hash is recomputed and the old one kept for look-ups. */
    public Message edit(User me, String roomId, String messageId, String content) {
        return updates.apply(roomId, (h, messages) -> {
            RoomAccess.requireMember(h.attach(RoomDao.class), roomId, me.id());
            MessageRow row = MessageUpdates.target(messages, roomId, messageId);
            if (!Message.USER.equals(row.kind()) || !me.id().equals(row.userId())) {
                throw ApiError.forbidden("Only the author of a message can edit it");
            }
            if (row.deleted()) throw ApiError.conflict("This message was deleted");
            String text = MessageService.checkedContent(content, row.imageUrl() != null);
            if (text.equals(row.content())) return updates.unchanged(row);
            String hash = MessageHash.of(roomId, row.userId(), row.kind(), text, row.imageUrl(), row.createdAt());
            messages.keepOldHash(row.hash(), row.id());
            messages.edit(row.id(), text, hash, time.now());
            return updates.changed(messages, row);
        });
    }

    /** Leaves a tombstone in the message's place. Deleting a tombstone again changes nothing. */
    public void delete(User me, String roomId, String messageId) {
        updates.apply(roomId, (h, messages) -> {
            Role role = RoomAccess.requireMember(h.attach(RoomDao.class), roomId, me.id());
            MessageRow row = MessageUpdates.target(messages, roomId, messageId);
            boolean author = Message.USER.equals(row.kind()) && me.id().equals(row.userId());
            // In a direct room both are owners, yet neither takes back what the other said.
            boolean moderator = role.atLeast(Role.ADMIN)
                    && !(Message.USER.equals(row.kind()) && h.attach(DirectRoomDao.class).isDirect(roomId));
            if (!author && !moderator) {
                throw ApiError.forbidden("Only the author or the room's owners and admins can delete a message");
            }
            if (row.deleted()) return updates.unchanged(row);
            messages.dropReactions(row.id());
            messages.tombstone(row.id());
            return updates.changed(messages, row);
        });
    }
}
