package groupchat.rooms;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;

/** GET /api/rooms/:id: the room plus its members. */
public record RoomDetail(@JsonUnwrapped Room room, List<Member> members) {}
