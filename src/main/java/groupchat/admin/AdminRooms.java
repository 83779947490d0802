package groupchat.admin;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import groupchat.rooms.Room;
import groupchat.rooms.RoomDao;
import groupchat.rooms.RoomService;
import groupchat.storage.Database;
import groupchat.storage.Timestamps;
import groupchat.web.ApiError;
import java.time.DateTimeException;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Pattern;

/** Server admins see every room, delete any, and read the month's AI spend across the server. */
public final class AdminRooms {
    private static final Pattern MONTH = Pattern.compile("\\d{4}-\\d{2}");

    private final Database db;
    private final RoomService rooms;
    private final Timestamps time;

    public AdminRooms(Database db, RoomService rooms, Timestamps time) {
        this.db = db;
        this.rooms = rooms;
        this.time = time;
    }

    /** A Room (with the admin's own role in it, often null) and how many messages it holds. */
    public record AdminRoom(@JsonUnwrapped Room room, long messageCount) {}

    public record Usage(String month, UsageDao.Sums total, List<UsageDao.ByUser> byUser,
                        List<UsageDao.ByRoom> byRoom, List<UsageDao.ByModel> byModel, List<UsageDao.ByDay> byDay) {}

    public List<AdminRoom> list(String adminId, String q, Page page) {
        return db.read(h -> {
            AdminDao admin = h.attach(AdminDao.class);
            RoomDao roomDao = h.attach(RoomDao.class);
            return admin.roomIds(q, page.limit(), page.offset()).stream()
                    .flatMap(id -> roomDao.find(id, adminId).stream())
                    .map(room -> new AdminRoom(room, admin.messageCount(room.id())))
                    .toList();
        });
    }

    public void delete(String roomId) {
        rooms.deleteAsServerAdmin(roomId);
    }

    /** {@code month} is YYYY-MM (null: this month, UTC). */
    public Usage usage(String month) {
        YearMonth period = month == null ? YearMonth.from(time.nowInstant().atZone(ZoneOffset.UTC))
                : parseMonth(month);
        String from = Timestamps.format(period.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC));
        String to = Timestamps.format(period.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC));
        return db.read(h -> {
            UsageDao usage = h.attach(UsageDao.class);
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
