package groupchat.ai;

import groupchat.config.AiCosts;
import groupchat.storage.Database;
import groupchat.storage.Session;
import groupchat.storage.Timestamps;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The monthly AI budgets (API.md Part 2, "Operator control"): per user (who triggered the answer),
 * per room (AI_BUDGET_ROOM_USD, or the owner's lower {@code ai_budget_usd}) and for the server,
 * over the UTC calendar month. Spend is read from the ai_usage ledger before each answer, so it
 * counts across restarts, cleared and deleted rooms, and servers sharing one database.
 */
public final class Budgets {
    /** The caller's view of the budgets that cover a room: {@code GET /api/rooms/:room_id/usage}. */
    public record Status(Double roomUsd, double roomSpentUsd, Double userUsd, double userSpentUsd,
                         String periodStart) {}

    /** An answer that may not run; {@code notice} is null when the room has been told already. */
    public record Refusal(String notice) {}

    private enum Scope { USER, ROOM, SERVER }

    private final Database db;
    private final Timestamps time;
    private final AiCosts costs;
    private final String aiName;
    /** Room -> the spent budgets it was told about ("scope month"); its next answer clears them. */
    private final Map<String, Set<String>> told = new ConcurrentHashMap<>();

    public Budgets(Database db, Timestamps time, AiCosts costs, String aiName) {
        this.db = db;
        this.time = time;
        this.costs = costs;
        this.aiName = aiName;
    }

    /** The room's budget: the server's cap, or the owner's own when that is lower. */
    public Double roomBudget(Double ownerUsd) {
        Double cap = costs.roomBudgetUsd();
        if (ownerUsd == null) return cap;
        return cap == null ? ownerUsd : Math.min(cap, ownerUsd);
    }

    /** Before any upstream call: empty when every budget covering this answer has money left. */
    public Optional<Refusal> check(String roomId, String userId, String userName, Double ownerUsd) {
        Double roomUsd = roomBudget(ownerUsd);
        Double userUsd = userId == null ? null : costs.userBudgetUsd();
        Double serverUsd = costs.serverBudgetUsd();
        if (roomUsd == null && userUsd == null && serverUsd == null) return Optional.empty();
        YearMonth month = month();
        String since = start(month);
        Scope spent = db.read(h -> {
            BudgetDao ledger = h.attach(BudgetDao.class);
            if (userUsd != null && ledger.user(userId, since) >= userUsd) return Scope.USER;
            if (roomUsd != null && ledger.room(roomId, since) >= roomUsd) return Scope.ROOM;
            if (serverUsd != null && ledger.server(since) >= serverUsd) return Scope.SERVER;
            return null;
        });
        if (spent == null) return Optional.empty();
        String key = spent + (spent == Scope.USER ? ":" + userId : "") + " " + month;
        boolean first = told.computeIfAbsent(roomId, r -> ConcurrentHashMap.newKeySet()).add(key);
        if (!first) return Optional.of(new Refusal(null));
        String which = switch (spent) {
            case USER -> userName + "'s monthly AI budget (" + usd(userUsd) + ")";
            case ROOM -> "this room's monthly AI budget (" + usd(roomUsd) + ")";
            case SERVER -> "the server's monthly AI budget (" + usd(serverUsd) + ")";
        };
        return Optional.of(new Refusal(aiName + " is not answering: " + which + " is spent. It renews on "
                + month.plusMonths(1).atDay(1) + " at 00:00 UTC."));
    }

    /** An answer was stored in the room: its next refusal is worth a notice again. */
    public void answered(String roomId) {
        told.remove(roomId);
    }

    /** Read in the caller's session, beside the room's usage. */
    Status status(Session h, String roomId, String userId, Double ownerUsd) {
        String since = start(month());
        BudgetDao ledger = h.attach(BudgetDao.class);
        return new Status(roomBudget(ownerUsd), ledger.room(roomId, since), costs.userBudgetUsd(),
                ledger.user(userId, since), since);
    }

    private YearMonth month() {
        return YearMonth.from(time.nowInstant().atZone(ZoneOffset.UTC));
    }

    private static String start(YearMonth month) {
        return Timestamps.format(month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    /** "$5.00", but "$0.005" where cents would round a small budget away. */
    private static String usd(double amount) {
        BigDecimal exact = BigDecimal.valueOf(amount).stripTrailingZeros();
        return "$" + (exact.scale() <= 2 ? String.format(Locale.ROOT, "%.2f", amount) : exact.toPlainString());
    }
}
