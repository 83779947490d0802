package groupchat.auth;

import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Issued tokens (by jti) and their revocation. */
@RegisterConstructorMapper(SessionDao.Revoked.class)
public interface SessionDao {
    record Revoked(String id, String userId, String expiresAt) {}

    @SqlUpdate("INSERT INTO sessions (id, user_id, created_at, expires_at) VALUES (:id, :userId, :createdAt, :expiresAt)")
    void insert(String id, String userId, String createdAt, String expiresAt);

    @SqlUpdate("UPDATE sessions SET revoked_at = :now WHERE id = :id AND revoked_at IS NULL")
    int revoke(String id, String now);

    /**
     * Every token of the user but {@code keep} (null: every token). A running server takes them into
     * memory (and closes their sockets) at its next {@link Sessions#refresh()}, which callers in the
     * server run once their transaction has committed.
     */
    @SqlUpdate("UPDATE sessions SET revoked_at = :now WHERE user_id = :userId AND revoked_at IS NULL"
            + " AND (:keep IS NULL OR id <> :keep)")
    int revokeAllOf(String userId, String keep, String now);

    /** Revoked tokens that have not expired yet: the server's in-memory list at start. */
    @SqlQuery("SELECT id, user_id, expires_at FROM sessions WHERE revoked_at IS NOT NULL AND expires_at > :now")
    List<Revoked> revokedUnexpired(String now);

    /** Tokens revoked since {@code since}, by this server or by another process (the admin CLI). */
    @SqlQuery("SELECT id, user_id, expires_at FROM sessions WHERE revoked_at >= :since AND expires_at > :now")
    List<Revoked> revokedSince(String since, String now);

    @SqlUpdate("DELETE FROM sessions WHERE expires_at <= :now")
    int deleteExpired(String now);
}
