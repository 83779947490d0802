package groupchat.messages;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterRowMapper(MessageRow.Mapper.class)
public interface MessageDao {
    /** What {@link MessageRow.Mapper} reads, by position: messages m joined with users u. */
    String COLUMNS = "m.seq, m.id, m.room_id, m.kind, m.user_id, u.username, u.display_name, u.avatar_url,"
            + " m.content, m.image_url, m.reply_to, m.client_msg_id, m.hash, m.created_at, m.ai_meta,"
            + " m.edited_at, m.deleted, m.reactions";
    String SELECT = "SELECT " + COLUMNS + " FROM messages m LEFT JOIN users u ON u.id = m.user_id";

    /** Returns 0 when the sender already stored a message with this client_msg_id in the room. */
    @SqlUpdate("INSERT INTO messages (id, room_id, kind, user_id, content, image_url, reply_to, client_msg_id, hash,"
            + " created_at, ai_meta, ai_triggered_by, ai_prompt_tokens, ai_completion_tokens, ai_cost)"
            + " VALUES (:id, :roomId, :kind, :userId, :content, :imageUrl, :replyTo, :clientMsgId, :hash, :createdAt,"
            + " :aiMeta, :aiTriggeredBy, :aiPromptTokens, :aiCompletionTokens, :aiCost) ON CONFLICT DO NOTHING")
    int insert(@BindMethods NewMessage message);

    @SqlQuery(SELECT + " WHERE m.room_id = :roomId AND m.user_id = :userId AND m.client_msg_id = :clientMsgId")
    Optional<MessageRow> findByClientMsgId(String roomId, String userId, String clientMsgId);

    @SqlQuery("SELECT seq FROM messages WHERE id = :id AND room_id = :roomId")
    Optional<Long> seqOf(String id, String roomId);

    @SqlQuery("SELECT EXISTS (SELECT 1 FROM messages WHERE id = :id AND room_id = :roomId)")
    boolean existsInRoom(String id, String roomId);

    /** The newest {@code limit} messages, newest first (the service reverses them). */
    @SqlQuery(SELECT + " WHERE m.room_id = :roomId ORDER BY m.seq DESC LIMIT :limit")
    List<MessageRow> newest(String roomId, int limit);

    @SqlQuery(SELECT + " WHERE m.room_id = :roomId AND m.seq < :seq ORDER BY m.seq DESC LIMIT :limit")
    List<MessageRow> before(String roomId, long seq, int limit);

    @SqlQuery(SELECT + " WHERE m.room_id = :roomId AND m.seq > :seq ORDER BY m.seq ASC LIMIT :limit")
    List<MessageRow> after(String roomId, long seq, int limit);

    /** A message by its hash or a hash it had before an edit, only from rooms the user belongs to. */
    @SqlQuery(SELECT + " WHERE (m.hash = :hash OR m.id IN (SELECT message_id FROM message_old_hashes WHERE hash = :hash))"
            + " AND m.room_id IN"
            + " (SELECT room_id FROM room_members WHERE user_id = :userId) ORDER BY m.seq LIMIT 1")
    Optional<MessageRow> findByHashForMember(String hash, String userId);

    @SqlUpdate("DELETE FROM messages WHERE room_id = :roomId")
    int deleteRoom(String roomId);
}
