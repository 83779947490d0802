package groupchat.ai;

import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * What budgets add up: the spend ledger (ai_usage, one row per stored answer, kept when its room
 * is cleared or deleted) since the start of the month.
 */
public interface BudgetDao {
    @SqlQuery("SELECT COALESCE(SUM(cost), 0) FROM ai_usage WHERE created_at >= :since")
    double server(String since);

    @SqlQuery("SELECT COALESCE(SUM(cost), 0) FROM ai_usage WHERE room_id = :roomId AND created_at >= :since")
    double room(String roomId, String since);

    @SqlQuery("SELECT COALESCE(SUM(cost), 0) FROM ai_usage WHERE user_id = :userId AND created_at >= :since")
    double user(String userId, String since);
}
