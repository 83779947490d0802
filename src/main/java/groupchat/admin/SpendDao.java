package groupchat.admin;

import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** The AI spend ledger (ai_usage, one row per stored answer) added up over a period [from, to). */
public interface SpendDao {
    String SUMS = "COUNT(*) AS answers, COALESCE(SUM(a.cost), 0) AS cost,"
            + " COALESCE(SUM(a.prompt_tokens), 0) AS prompt_tokens,"
            + " COALESCE(SUM(a.completion_tokens), 0) AS completion_tokens";
    String BY_COST = " ORDER BY cost DESC, answers DESC";

    record Sums(long answers, double cost, long promptTokens, long completionTokens) {}

    /** Answers whose user was deleted form one row with null names. */
    record ByUser(String userId, String username, String displayName, long answers, double cost, long promptTokens,
                  long completionTokens) {}

    /** {@code name} is null for a room that was deleted since. */
    record ByRoom(String roomId, String name, long answers, double cost, long promptTokens, long completionTokens) {}

    record ByModel(String model, long answers, double cost, long promptTokens, long completionTokens) {}

    record ByDay(String day, long answers, double cost, long promptTokens, long completionTokens) {}

    @SqlQuery("SELECT " + SUMS + " FROM ai_usage a WHERE a.created_at >= :from AND a.created_at < :to")
    @RegisterConstructorMapper(Sums.class)
    Sums total(String from, String to);

    @SqlQuery("SELECT a.user_id, u.username, u.display_name, " + SUMS
            + " FROM ai_usage a LEFT JOIN users u ON u.id = a.user_id WHERE a.created_at >= :from AND a.created_at < :to"
            + " GROUP BY a.user_id, u.username, u.display_name" + BY_COST + ", u.username")
    @RegisterConstructorMapper(ByUser.class)
    List<ByUser> byUser(String from, String to);

    @SqlQuery("SELECT a.room_id, r.name, " + SUMS
            + " FROM ai_usage a LEFT JOIN rooms r ON r.id = a.room_id WHERE a.created_at >= :from AND a.created_at < :to"
            + " GROUP BY a.room_id, r.name" + BY_COST + ", r.name")
    @RegisterConstructorMapper(ByRoom.class)
    List<ByRoom> byRoom(String from, String to);

    @SqlQuery("SELECT a.model, " + SUMS + " FROM ai_usage a WHERE a.created_at >= :from AND a.created_at < :to"
            + " GROUP BY a.model" + BY_COST + ", a.model")
    @RegisterConstructorMapper(ByModel.class)
    List<ByModel> byModel(String from, String to);

    /** One row per UTC day that had answers, oldest first (timestamps are ISO-8601 UTC text). */
    @SqlQuery("SELECT substr(a.created_at, 1, 10) AS day, " + SUMS
            + " FROM ai_usage a WHERE a.created_at >= :from AND a.created_at < :to GROUP BY day ORDER BY day")
    @RegisterConstructorMapper(ByDay.class)
    List<ByDay> byDay(String from, String to);
}
