package groupchat.messages;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Changes to stored messages: edits (keeping old hashes), tombstones and reactions. */
@RegisterRowMapper(MessageRow.Mapper.class)
public interface MessageChangeDao {
    @SqlQuery(MessageDao.SELECT + " WHERE m.id = :id AND m.room_id = :roomId")
    Optional<MessageRow> find(String id, String roomId);

    @SqlUpdate("UPDATE messages SET content = :content, hash = :hash, edited_at = :editedAt WHERE id = :id")
    void edit(String id, String content, String hash, String editedAt);

    @SqlUpdate("INSERT INTO message_old_hashes (hash, message_id) VALUES (:hash, :messageId) ON CONFLICT DO NOTHING")
    void keepOldHash(String hash, String messageId);

    /** The tombstone keeps id, hash, author, reply_to and place; the text, image and reactions go. */
    @SqlUpdate("UPDATE messages SET deleted = TRUE, content = '', image_url = NULL, reactions = NULL WHERE id = :id")
    void tombstone(String id);

    @SqlUpdate("DELETE FROM message_reactions WHERE message_id = :messageId")
    void dropReactions(String messageId);

    /** Returns 0 when this user already reacted with this emoji. */
    @SqlUpdate("INSERT INTO message_reactions (message_id, emoji, user_id) VALUES (:messageId, :emoji, :userId)"
            + " ON CONFLICT DO NOTHING")
    int addReaction(String messageId, String emoji, String userId);

    @SqlUpdate("DELETE FROM message_reactions WHERE message_id = :messageId AND emoji = :emoji AND user_id = :userId")
    int removeReaction(String messageId, String emoji, String userId);

    @SqlQuery("SELECT COUNT(DISTINCT emoji) FROM message_reactions WHERE message_id = :messageId")
    int reactionKinds(String messageId);

    @SqlQuery("SELECT EXISTS (SELECT 1 FROM message_reactions WHERE message_id = :messageId AND emoji = :emoji)")
    boolean reactionUsed(String messageId, String emoji);

    record ReactionRow(String emoji, String userId) {}

    /** In the order they were added. */
    @SqlQuery("SELECT emoji, user_id FROM message_reactions WHERE message_id = :messageId ORDER BY seq")
    @RegisterConstructorMapper(ReactionRow.class)
    List<ReactionRow> reactions(String messageId);

    @SqlUpdate("UPDATE messages SET reactions = :reactions WHERE id = :id")
    void storeReactions(String id, String reactions);
}
