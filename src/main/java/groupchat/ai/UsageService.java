package groupchat.ai;

import groupchat.storage.Database;
import groupchat.rooms.RoomAccess;
import groupchat.rooms.RoomDao;
import groupchat.rooms.RoomSettings;
import java.util.List;

/**
 * {@code GET /api/rooms/:room_id/usage}: what the assistant cost a room, in total and per member,
 * and the caller's view of the month's budgets.
 */
public final class UsageService {
    public record Sums(long answers, long promptTokens, long completionTokens, long totalTokens, double cost) {}

    public record UserUsage(String userId, String username, String displayName, long answers, long promptTokens,
                            long completionTokens, long totalTokens, double cost) {}

    public record RoomUsage(String roomId, Sums total, List<UserUsage> byUser, Budgets.Status budget) {}

    private final Database db;
    private final Budgets budgets;

    public UsageService(Database db, Budgets budgets) {
        this.db = db;
        this.budgets = budgets;
    }

    /** Members only; a private room answers 404 to others, so it does not leak that it exists. */
    public RoomUsage usage(String roomId, String userId) {
        return db.read(h -> {
            RoomAccess.requireMember(h.attach(RoomDao.class), roomId, userId);
            UsageDao usage = h.attach(UsageDao.class);
            UsageDao.Totals t = usage.total(roomId);
            List<UserUsage> byUser = usage.byUser(roomId).stream()
                    .map(u -> new UserUsage(u.userId(), u.username(), u.displayName(), u.answers(), u.promptTokens(),
                            u.completionTokens(), u.promptTokens() + u.completionTokens(), u.cost()))
                    .toList();
            Double ownerBudget = h.attach(RoomDao.class).settings(roomId).map(RoomSettings::aiBudgetUsd).orElse(null);
            return new RoomUsage(roomId, new Sums(t.answers(), t.promptTokens(), t.completionTokens(),
                    t.promptTokens() + t.completionTokens(), t.cost()), byUser,
                    budgets.status(h, roomId, userId, ownerBudget));
        });
    }
}
