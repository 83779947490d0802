package groupchat.nostr;

import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Login challenges. Kept in the database, so a used one stays used across restarts. */
public interface ChallengeDao {
    @SqlUpdate("INSERT INTO nostr_challenges (challenge, expires_at) VALUES (:challenge, :expiresAt)")
    void insert(String challenge, String expiresAt);

    @SqlQuery("SELECT EXISTS (SELECT 1 FROM nostr_challenges"
            + " WHERE challenge = :challenge AND used_at IS NULL AND expires_at > :now)")
    boolean usable(String challenge, String now);

    /** One statement, so of two verifies racing for one challenge only one changes a row. */
    @SqlUpdate("UPDATE nostr_challenges SET used_at = :now"
            + " WHERE challenge = :challenge AND used_at IS NULL AND expires_at > :now")
    int consume(String challenge, String now);

    /** An expired challenge is refused whether used or not, so its row can go. */
    @SqlUpdate("DELETE FROM nostr_challenges WHERE expires_at <= :now")
    int deleteExpired(String now);
}
