package groupchat.admin;

import groupchat.storage.Database;
import groupchat.storage.Timestamps;
import groupchat.web.ApiError;
import java.time.DateTimeException;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Pattern;

/** What the assistant cost across the server in a calendar month (UTC), from the ai_usage ledger. */
public final class AdminUsage {
    private static final Pattern MONTH = Pattern.compile("\\d{4}-\\d{2}");

    private final Database db;
    private final Timestamps time;

    public AdminUsage(Database db, Timestamps time) {
        this.db = db;
        this.time = time;
    }

    public record Usage(String month, SpendDao.Sums total, List<SpendDao.ByUser> byUser,
                        List<SpendDao.ByRoom> byRoom, List<SpendDao.ByModel> byModel, List<SpendDao.ByDay> byDay) {}

    /** {@code month} is YYYY-MM (null: this month, UTC). */
    public Usage month(String month) {
        YearMonth period = month == null ? YearMonth.from(time.nowInstant().atZone(ZoneOffset.UTC))
                : parseMonth(month);
        String from = Timestamps.format(period.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC));
        String to = Timestamps.format(period.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC));
        return db.read(h -> {
            SpendDao usage = h.attach(SpendDao.class);
            return new Usage(period.toString(), usage.total(from, to), usage.byUser(from, to), usage.byRoom(from, to),
                    usage.byModel(from, to), usage.byDay(from, to));
        });
    }

    private static YearMonth parseMonth(String month) {
        try {
            if (MONTH.matcher(month).matches()) return YearMonth.parse(month);
        } catch (DateTimeException ignored) {
            // reported below
        }
        throw ApiError.badRequest("Query parameter 'month' must be YYYY-MM");
    }
}
