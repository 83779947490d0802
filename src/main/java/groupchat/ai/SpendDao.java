package groupchat.ai;

import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The spend ledger: one row per answer that reached the provider, what budgets add up. */
public interface SpendDao {
    /** One answer's cost; {@code userId} is who triggered it. */
    record Spend(String id, String roomId, String userId, String model, Integer promptTokens,
                 Integer completionTokens, double cost, boolean costEstimated, String createdAt) {}

    @SqlUpdate("INSERT INTO ai_spend (id, room_id, user_id, model, prompt_tokens, completion_tokens, cost,"
            + " cost_estimated, created_at) VALUES (:s.id, :s.roomId, :s.userId, :s.model, :s.promptTokens,"
            + " :s.completionTokens, :s.cost, :s.costEstimated, :s.createdAt)")
    void insert(@BindMethods("s") Spend spend);

    @SqlQuery("SELECT COALESCE(SUM(cost), 0) FROM ai_spend WHERE created_at >= :since")
    double server(String since);

    @SqlQuery("SELECT COALESCE(SUM(cost), 0) FROM ai_spend WHERE room_id = :roomId AND created_at >= :since")
    double room(String roomId, String since);

    @SqlQuery("SELECT COALESCE(SUM(cost), 0) FROM ai_spend WHERE user_id = :userId AND created_at >= :since")
    double user(String userId, String since);
}
