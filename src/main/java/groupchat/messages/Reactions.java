package groupchat.messages;

import groupchat.auth.User;
import groupchat.rooms.RoomAccess;
import groupchat.rooms.RoomDao;
import groupchat.web.ApiError;
import groupchat.web.Texts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reactions: members add and remove emoji on messages; both are idempotent. */
public final class Reactions {
    /** Different emoji one message may carry. */
    static final int MAX_KINDS = 20;
    private static final int MAX_EMOJI = 32;

    private final MessageUpdates updates;

    public Reactions(MessageUpdates updates) {
        this.updates = updates;
    }

    public Message add(User me, String roomId, String messageId, String emoji) {
        return change(me, roomId, messageId, checked(emoji), true);
    }

    public Message remove(User me, String roomId, String messageId, String emoji) {
        return change(me, roomId, messageId, checked(emoji), false);
    }

    private Message change(User me, String roomId, String messageId, String emoji, boolean add) {
        return updates.apply(roomId, (h, messages) -> {
            RoomAccess.requireMember(h.attach(RoomDao.class), roomId, me.id());
            MessageRow row = MessageUpdates.target(messages, roomId, messageId);
            if (row.deleted()) throw ApiError.conflict("This message was deleted");
            if (add && !messages.reactionUsed(row.id(), emoji) && messages.reactionKinds(row.id()) >= MAX_KINDS) {
                throw ApiError.conflict("A message has at most " + MAX_KINDS + " different reactions");
            }
            int changed = add ? messages.addReaction(row.id(), emoji, me.id())
                    : messages.removeReaction(row.id(), emoji, me.id());
            if (changed == 0) return updates.unchanged(row);
            List<Message.Reaction> shown = updates.assembler().toMessage(row).reactions();
            List<Message.Reaction> now = summary(shown, messages.reactions(row.id()));
            messages.storeReactions(row.id(), updates.assembler().write(now));
            return updates.changed(messages, row);
        });
    }

    /**
     * Emoji in the order each was first used: those already shown keep their place (one user
     * taking theirs back does not move a chip others still share), new ones come last. The
     * users of each emoji are in the order they reacted.
     */
    static List<Message.Reaction> summary(List<Message.Reaction> shown, List<MessageChangeDao.ReactionRow> rows) {
        Map<String, List<String>> byEmoji = new LinkedHashMap<>();
        for (Message.Reaction r : shown) byEmoji.put(r.emoji(), new ArrayList<>());
        for (MessageChangeDao.ReactionRow r : rows) {
            byEmoji.computeIfAbsent(r.emoji(), e -> new ArrayList<>()).add(r.userId());
        }
        List<Message.Reaction> result = new ArrayList<>();
        byEmoji.forEach((emoji, users) -> {
            if (!users.isEmpty()) result.add(new Message.Reaction(emoji, users.size(), List.copyOf(users)));
        });
        return result;
    }

    /** 1-32 characters of visible text: an emoji or a short :name:, never blank or control characters. */
    private static String checked(String emoji) {
        String value = emoji == null ? "" : emoji;
        Texts.checkLength("emoji", value, 1, MAX_EMOJI);
        Texts.requireWellFormed("emoji", value);
        if (value.isBlank() || value.codePoints().anyMatch(Character::isISOControl)) {
            throw ApiError.badRequest("Field 'emoji' must be visible text, such as an emoji");
        }
        return value;
    }
}
