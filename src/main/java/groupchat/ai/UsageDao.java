package groupchat.ai;

import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** AI usage, added up from the ai_* columns of the room's stored {@code ai} messages. */
public interface UsageDao {
    String SUMS = "COUNT(*) AS answers, COALESCE(SUM(m.ai_prompt_tokens), 0) AS prompt_tokens,"
            + " COALESCE(SUM(m.ai_completion_tokens), 0) AS completion_tokens,"
            + " COALESCE(SUM(m.ai_cost), 0) AS cost";

    record Totals(long answers, long promptTokens, long completionTokens, double cost) {}

    record UserTotals(String userId, String username, String displayName, long answers, long promptTokens,
                      long completionTokens, double cost) {}

    @SqlQuery("SELECT " + SUMS + " FROM messages m WHERE m.room_id = :roomId AND m.kind = 'ai'")
    @RegisterConstructorMapper(Totals.class)
    Totals total(String roomId);

    // Answers whose triggering user was deleted (ai_triggered_by set null) form one row with null ids.
    @SqlQuery("SELECT m.ai_triggered_by AS user_id, u.username, u.display_name, " + SUMS
            + " FROM messages m LEFT JOIN users u ON u.id = m.ai_triggered_by"
            + " WHERE m.room_id = :roomId AND m.kind = 'ai'"
            + " GROUP BY m.ai_triggered_by, u.username, u.display_name"
            + " ORDER BY cost DESC, answers DESC, u.username")
    @RegisterConstructorMapper(UserTotals.class)
    List<UserTotals> byUser(String roomId);
}
