package groupchat.messages;

import groupchat.auth.User;
import groupchat.ratelimit.RateLimiter;
import groupchat.realtime.Events;
import groupchat.realtime.RoomEvents;
import groupchat.storage.Database;
import groupchat.storage.Session;
import groupchat.web.ApiError;

/**
 * The one way a stored message changes: in a write transaction, under the room's order lock,
 * announced as {@code message_updated} when something did change. Edits, deletes and reactions
 * all go through here, so their events keep their place among the room's new messages.
 */
public final class MessageUpdates {
    /** A message after a change; {@code changed} false when the request changed nothing. */
    record Outcome(Message message, boolean changed) {}

    @FunctionalInterface
    interface Change {
        Outcome apply(Session h, MessageChangeDao messages);
    }

    private final Database db;
    private final MessageService ordering;
    private final RoomEvents events;
    private final MessageRows rows;
    private final RateLimiter perUser;

    /** @param perUser the message budget (RATE_LIMIT_MESSAGES_PER_MINUTE): a change is announced like a post */
    public MessageUpdates(Database db, MessageService ordering, RoomEvents events, MessageRows rows,
                          RateLimiter perUser) {
        this.db = db;
        this.ordering = ordering;
        this.events = events;
        this.rows = rows;
        this.perUser = perUser;
    }

    Message apply(User me, String roomId, Change change) {
        long retryAfter = perUser.acquire(me.id());
        if (retryAfter > 0) throw ApiError.rateLimited(retryAfter);
        return ordering.inRoomOrder(roomId, () -> {
            Outcome outcome = db.write(h -> change.apply(h, h.attach(MessageChangeDao.class)));
            if (outcome.changed()) events.publish(roomId, Events.messageUpdated(outcome.message()));
            return outcome.message();
        });
    }

    /** The message of this room, or 404 (also for a message of another room). */
    static MessageRow target(MessageChangeDao messages, String roomId, String messageId) {
        return messages.find(messageId, roomId).orElseThrow(() -> ApiError.notFound("Message not found"));
    }

    Outcome unchanged(MessageRow row) {
        return new Outcome(rows.toMessage(row), false);
    }

    /** The message as stored now, after this transaction's change. */
    Outcome changed(MessageChangeDao messages, MessageRow before) {
        return new Outcome(rows.toMessage(target(messages, before.roomId(), before.id())), true);
    }

    MessageRows rows() {
        return rows;
    }
}
