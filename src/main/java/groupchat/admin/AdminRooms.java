package groupchat.admin;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import groupchat.rooms.Room;
import groupchat.rooms.RoomDao;
import groupchat.rooms.RoomService;
import groupchat.storage.Database;
import java.util.List;

/** Server admins see every room, private ones included, and delete any. */
public final class AdminRooms {
    private final Database db;
    private final RoomService rooms;

    public AdminRooms(Database db, RoomService rooms) {
        this.db = db;
        this.rooms = rooms;
    }

    /** A Room (with the admin's own role in it, often null) and how many messages it holds. */
    public record AdminRoom(@JsonUnwrapped Room room, long messageCount) {}

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
}
