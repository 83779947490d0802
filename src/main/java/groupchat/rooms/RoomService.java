package groupchat.rooms;

import groupchat.ai.Assistant;
import groupchat.auth.User;
import groupchat.config.AiCosts;
import groupchat.messages.MessageDao;
import groupchat.realtime.Events;
import groupchat.realtime.RoomEvents;
import groupchat.storage.Database;
import groupchat.storage.Timestamps;
import groupchat.web.ApiError;
import groupchat.web.Texts;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** Rooms and their members: who may do what, and the events each change announces. */
public final class RoomService {
    private static final List<String> AI_MODES = List.of(RoomSettings.MENTION, RoomSettings.ALWAYS, RoomSettings.OFF);

    private final Database db;
    private final RoomEvents events;
    private final Timestamps time;
    private final Assistant assistant;
    private final Memberships memberships;
    private final AiCosts aiCosts;

    /**
     * @param events  the room events, {@link Memberships#watching watched} by {@code memberships}
     * @param aiCosts the models rooms may choose and the cap on an owner's room budget
     */
    public RoomService(Database db, RoomEvents events, Timestamps time, Assistant assistant, Memberships memberships,
                       AiCosts aiCosts) {
        this.db = db;
        this.events = events;
        this.time = time;
        this.assistant = assistant;
        this.memberships = memberships;
        this.aiCosts = aiCosts;
    }

    public Room create(User me, CreateRoom command) {
        String name = Texts.trimmed("name", command.name(), 1, 100);
        String description = description(command.description());
        boolean isPublic = command.isPublic();
        RoomSettings settings = mergeSettings(RoomSettings.defaults(), command.settings());
        String id = UUID.randomUUID().toString();
        return db.write(h -> {
            RoomDao rooms = h.attach(RoomDao.class);
            String now = time.now();
            rooms.insert(id, name, description, isPublic, me.id(), now, settings);
            rooms.addMember(id, me.id(), Role.OWNER.wire(), now);
            return rooms.find(id, me.id()).orElseThrow();
        });
    }

    public List<Room> list(User me) {
        return db.read(h -> h.attach(RoomDao.class).listForUser(me.id()));
    }

    /** A page of public rooms, most members first, then newest. */
    public List<Room> listPublic(User me, PublicRoomQuery query) {
        return db.read(h -> h.attach(RoomDao.class).listPublic(me.id(), query.nameContains(), query.limit(),
                query.offset()));
    }

    public RoomDetail get(User me, String roomId) {
        return db.read(h -> new RoomDetail(RoomAccess.visible(h.attach(RoomDao.class), roomId, me.id()),
                h.attach(RoomDao.class).members(roomId)));
    }

    public Room update(User me, String roomId, UpdateRoom command) {
        Room updated = db.write(h -> {
            Role myRole = RoomAccess.requireRole(h.attach(RoomDao.class), roomId, me.id(), Role.ADMIN);
            RoomDao rooms = h.attach(RoomDao.class);
            Room room = rooms.find(roomId, me.id()).orElseThrow(RoomAccess::notFound);
            String name = command.name() != null ? Texts.trimmed("name", command.name(), 1, 100) : room.name();
            String description = command.description() != null
                    ? description(command.description()) : room.description();
            Boolean isPublic = command.isPublic();
            if (Boolean.TRUE.equals(isPublic) && Room.DIRECT.equals(room.kind())) {
                throw ApiError.conflict("A direct room cannot be made public");
            }
            RoomSettings settings = mergeSettings(room.settings(), command.settings());
            // The budget limits what the room costs its owner: room admins may not raise it.
            if (myRole != Role.OWNER && !Objects.equals(settings.aiBudgetUsd(), room.settings().aiBudgetUsd())) {
                throw ApiError.forbidden("Only the room's owner may change settings.ai_budget_usd");
            }
            rooms.update(roomId, name, description, isPublic == null ? room.isPublic() : isPublic, settings);
            return rooms.find(roomId, me.id()).orElseThrow();
        });
        events.publish(roomId, Events.roomUpdated(updated));
        return updated;
    }

    public void delete(User me, String roomId) {
        db.write(h -> {
            RoomAccess.requireRole(h.attach(RoomDao.class), roomId, me.id(), Role.OWNER);
            h.attach(RoomDao.class).delete(roomId);
            return null;
        });
        deleted(roomId);
    }

    /** A server admin deletes any room, whatever their role in it; 404 when there is no such room. */
    public void deleteAsServerAdmin(String roomId) {
        db.write(h -> {
            RoomDao rooms = h.attach(RoomDao.class);
            if (!rooms.exists(roomId)) throw RoomAccess.notFound();
            rooms.delete(roomId);
            return null;
        });
        deleted(roomId);
    }

    private void deleted(String roomId) {
        events.publish(roomId, Events.roomDeleted(roomId));
        assistant.roomGone(roomId);
    }

    /** Joins a public room as member; joining again changes nothing. */
    public Room join(User me, String roomId) {
        List<Events.MemberJoined> joined = new ArrayList<>(1);
        Room room = db.write(h -> {
            RoomDao rooms = h.attach(RoomDao.class);
            Room found = rooms.find(roomId, me.id()).orElseThrow(RoomAccess::notFound);
            if (found.myRole() != null) return found;
            if (Room.DIRECT.equals(found.kind())) throw ApiError.conflict("A direct room cannot be joined");
            if (!found.isPublic()) throw ApiError.forbidden("This room is private: ask for an invite");
            Membership.join(rooms, roomId, me, time.now()).ifPresent(joined::add);
            return rooms.find(roomId, me.id()).orElseThrow();
        });
        joined.forEach(event -> events.publish(roomId, event));
        return room;
    }

    /** Leaving (yourself) or removing another member (owner, or admin removing a plain member). */
    public void removeMember(User me, String roomId, String userId) {
        db.write(h -> {
            RoomDao rooms = h.attach(RoomDao.class);
            Role myRole = RoomAccess.requireMember(h.attach(RoomDao.class), roomId, me.id());
            Role theirs = rooms.role(roomId, userId).map(Role::of)
                    .orElseThrow(() -> ApiError.notFound("That user is not a member of this room"));
            // A direct room keeps its pair: either may leave (even as its last owner), nobody is removed.
            boolean direct = h.attach(DirectRoomDao.class).isDirect(roomId);
            if (direct && !userId.equals(me.id())) throw ApiError.conflict("In a direct room members can only leave");
            if (!userId.equals(me.id())) {
                boolean allowed = myRole == Role.OWNER || (myRole == Role.ADMIN && theirs == Role.MEMBER);
                if (!allowed) throw ApiError.forbidden("You may not remove this member");
            }
            if (!direct && theirs == Role.OWNER && rooms.ownerCount(roomId) == 1) {
                throw ApiError.conflict("The last owner cannot leave: make another member owner first");
            }
            rooms.removeMember(roomId, userId);
            return null;
        });
        // The hub unsubscribes the user's connections once this event has reached them.
        events.publish(roomId, Events.memberLeft(roomId, userId));
    }

    /** Owner only. Roles: member, admin, or owner (handing over ownership; several owners may exist). */
    public Member setRole(User me, String roomId, String userId, Role role) {
        Member member = db.write(h -> {
            RoomAccess.requireRole(h.attach(RoomDao.class), roomId, me.id(), Role.OWNER);
            DirectRooms.refuse(h, roomId, "has no roles to change");
            RoomDao rooms = h.attach(RoomDao.class);
            Role current = rooms.role(roomId, userId).map(Role::of)
                    .orElseThrow(() -> ApiError.notFound("That user is not a member of this room"));
            if (current == Role.OWNER && role != Role.OWNER && rooms.ownerCount(roomId) == 1) {
                throw ApiError.conflict("The room needs an owner: make another member owner first");
            }
            rooms.setRole(roomId, userId, role.wire());
            return rooms.member(roomId, userId).orElseThrow();
        });
        events.publish(roomId, Events.memberUpdated(roomId, userId, member.role()));
        return member;
    }

    public void clear(User me, String roomId) {
        db.write(h -> {
            RoomAccess.requireRole(h.attach(RoomDao.class), roomId, me.id(), Role.ADMIN);
            h.attach(MessageDao.class).deleteRoom(roomId);
            return null;
        });
        events.publish(roomId, Events.roomCleared(roomId));
        assistant.roomGone(roomId);
    }

    /** For the WebSocket's frames: is this user a member? Answered from memory once the room is cached. */
    public boolean isMember(String roomId, String userId) {
        return memberships.isMember(roomId, userId);
    }

    /**
     * For the WebSocket's {@code join_room}: runs {@code subscribe} if the user is a member, under
     * the room's lock that announcing a removal holds, so the two cannot interleave.
     */
    public boolean subscribeIfMember(String roomId, String userId, Runnable subscribe) {
        return memberships.whileMember(roomId, userId, subscribe);
    }

    private static String description(String value) {
        return value == null ? "" : Texts.trimmed("description", value, 0, 1000);
    }

    /** Merges the given settings fields into {@code base}; an explicit null resets a field. */
    private RoomSettings mergeSettings(RoomSettings base, SettingsPatch patch) {
        if (patch == null) return base;
        String mode = base.aiMode();
        if (patch.aiMode() != null) {
            mode = patch.aiMode();
            if (!AI_MODES.contains(mode)) {
                throw ApiError.badRequest("Field 'settings.ai_mode' must be 'mention', 'always' or 'off'");
            }
        }
        String model = base.aiModel();
        if (patch.aiModel() != null) {
            model = patch.aiModel().map(m -> Texts.trimmed("settings.ai_model", m, 1, 200)).orElse(null);
            if (model != null && !aiCosts.allows(model)) {
                throw ApiError.badRequest("Field 'settings.ai_model' must be one of the models this server allows: "
                        + String.join(", ", aiCosts.models()));
            }
        }
        String prompt = base.aiSystemPrompt();
        if (patch.aiSystemPrompt() != null) {
            prompt = patch.aiSystemPrompt().map(p -> Texts.trimmed("settings.ai_system_prompt", p, 0, 4000))
                    .orElse(null);
        }
        Boolean webSearch = patch.aiWebSearch();
        Double budget = patch.aiBudgetUsd() == null ? base.aiBudgetUsd() : patch.aiBudgetUsd().orElse(null);
        Double cap = aiCosts.roomBudgetUsd();
        if (budget != null && cap != null && budget > cap) {
            throw ApiError.badRequest("Field 'settings.ai_budget_usd' must be at most this server's room budget, "
                    + cap + " USD");
        }
        return new RoomSettings(mode, model, prompt, webSearch == null ? base.aiWebSearch() : webSearch, budget);
    }
}
