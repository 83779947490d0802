package groupchat.rooms;

import groupchat.auth.User;
import groupchat.messages.MessageDao;
import groupchat.realtime.Events;
import groupchat.realtime.RoomEvents;
import groupchat.storage.Database;
import groupchat.storage.Timestamps;
import groupchat.web.ApiError;
import groupchat.web.JsonBody;
import groupchat.web.Texts;
import com.fasterxml.jackson.databind.JsonNode;
import groupchat.config.AiCosts;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import groupchat.storage.Session;
import java.util.UUID;

/** Rooms and their members: who may do what, and the events each change announces. */
public final class RoomService {
    private static final List<String> AI_MODES = List.of(RoomSettings.MENTION, RoomSettings.ALWAYS, RoomSettings.OFF);

    private final Database db;
    private final RoomEvents events;
    private final Timestamps time;
    private final AiCosts aiCosts;
    private Consumer<String> afterRoomGone = roomId -> { };

    /** @param aiCosts the models rooms may choose and the cap on an owner's room budget */
    public RoomService(Database db, RoomEvents events, Timestamps time, AiCosts aiCosts) {
        this.db = db;
        this.events = events;
        this.time = time;
        this.aiCosts = aiCosts;
    }

    /** Called after a room is cleared or deleted (the AI stops answering there). */
    public void onRoomGone(Consumer<String> listener) {
        this.afterRoomGone = listener;
    }

    public Room create(User me, JsonBody body) {
        String name = Texts.trimmed("name", body.optionalString("name"), 1, 100);
        String description = description(body.optionalString("description"));
        boolean isPublic = Boolean.TRUE.equals(body.optionalBoolean("is_public"));
        RoomSettings settings = mergeSettings(RoomSettings.defaults(), body.optionalObject("settings"));
        String id = UUID.randomUUID().toString();
        return db.write(h -> {
            RoomDao rooms = h.attach(RoomDao.class);
            String now = time.now();
            rooms.insert(id, name, description, isPublic, me.id(), now, settings);
            rooms.addMember(id, me.id(), Role.OWNER.wire(), now);
            return rooms.find(id, me.id()).orElseThrow();
        });
    }

    public List<Room> list(User me, boolean publicRooms) {
        return db.read(h -> publicRooms
                ? h.attach(RoomDao.class).listPublic(me.id())
                : h.attach(RoomDao.class).listForUser(me.id()));
    }

    public RoomDetail get(User me, String roomId) {
        return db.read(h -> new RoomDetail(RoomAccess.visible(h, roomId, me.id()),
                h.attach(RoomDao.class).members(roomId)));
    }

    public Room update(User me, String roomId, JsonBody body) {
        Room updated = db.write(h -> {
            Role myRole = RoomAccess.requireRole(h, roomId, me.id(), Role.ADMIN);
            RoomDao rooms = h.attach(RoomDao.class);
            Room room = rooms.find(roomId, me.id()).orElseThrow(RoomAccess::notFound);
            String name = body.has("name") ? Texts.trimmed("name", body.optionalString("name"), 1, 100) : room.name();
            String description = body.has("description")
                    ? description(body.optionalString("description")) : room.description();
            Boolean isPublic = body.optionalBoolean("is_public");
            RoomSettings settings = mergeSettings(room.settings(), body.optionalObject("settings"));
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
            RoomAccess.requireRole(h, roomId, me.id(), Role.OWNER);
            h.attach(RoomDao.class).delete(roomId);
            return null;
        });
        events.publish(roomId, Events.roomDeleted(roomId));
        afterRoomGone.accept(roomId);
    }

    /** Joins a public room as member; joining again changes nothing. */
    public Room join(User me, String roomId) {
        boolean[] added = {false};
        Room room = db.write(h -> {
            RoomDao rooms = h.attach(RoomDao.class);
            Room found = rooms.find(roomId, me.id()).orElseThrow(RoomAccess::notFound);
            if (found.myRole() != null) return found;
            if (!found.isPublic()) throw ApiError.forbidden("This room is private: ask for an invite");
            added[0] = rooms.addMember(roomId, me.id(), Role.MEMBER.wire(), time.now()) == 1;
            return rooms.find(roomId, me.id()).orElseThrow();
        });
        if (added[0]) events.publish(roomId, Events.memberJoined(roomId, me));
        return room;
    }

    /** Adds a user as member (invites); false when already one. Runs inside the caller's transaction. */
    public boolean addMember(Session h, String roomId, String userId) {
        return h.attach(RoomDao.class).addMember(roomId, userId, Role.MEMBER.wire(), time.now()) == 1;
    }

    /** Leaving (yourself) or removing another member (owner, or admin removing a plain member). */
    public void removeMember(User me, String roomId, String userId) {
        db.write(h -> {
            RoomDao rooms = h.attach(RoomDao.class);
            Role myRole = RoomAccess.requireMember(h, roomId, me.id());
            Role theirs = rooms.role(roomId, userId).map(Role::of)
                    .orElseThrow(() -> ApiError.notFound("That user is not a member of this room"));
            if (!userId.equals(me.id())) {
                boolean allowed = myRole == Role.OWNER || (myRole == Role.ADMIN && theirs == Role.MEMBER);
                if (!allowed) throw ApiError.forbidden("You may not remove this member");
            }
            if (theirs == Role.OWNER && rooms.ownerCount(roomId) == 1) {
                throw ApiError.conflict("The last owner cannot leave: make another member owner first");
            }
            rooms.removeMember(roomId, userId);
            return null;
        });
        // The hub unsubscribes the user's connections once this event has reached them.
        events.publish(roomId, Events.memberLeft(roomId, userId));
    }

    /** Owner only. Roles: member, admin, or owner (handing over ownership; several owners may exist). */
    public Member setRole(User me, String roomId, String userId, String roleName) {
        if (roleName == null) throw ApiError.badRequest("Field 'role' is required");
        Role role;
        try {
            role = Role.of(roleName);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("Field 'role' must be 'admin', 'member' or 'owner'");
        }
        Member member = db.write(h -> {
            RoomAccess.requireRole(h, roomId, me.id(), Role.OWNER);
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
            RoomAccess.requireRole(h, roomId, me.id(), Role.ADMIN);
            h.attach(MessageDao.class).deleteRoom(roomId);
            return null;
        });
        events.publish(roomId, Events.roomCleared(roomId));
        afterRoomGone.accept(roomId);
    }

    /** The room's AI settings, without a permission check (for the AI); empty when it is gone. */
    public Optional<RoomSettings> settings(String roomId) {
        return db.read(h -> h.attach(RoomDao.class).settings(roomId));
    }

    /** For the WebSocket: may this user subscribe to the room? */
    public boolean isMember(String roomId, String userId) {
        return db.read(h -> h.attach(RoomDao.class).role(roomId, userId).isPresent());
    }

    private static String description(String value) {
        return value == null ? "" : Texts.trimmed("description", value, 0, 1000);
    }

    /** Merges the given settings fields into {@code base}; an explicit null resets a field. */
    private RoomSettings mergeSettings(RoomSettings base, JsonBody patch) {
        if (patch == null) return base;
        String mode = base.aiMode();
        if (patch.has("ai_mode")) {
            mode = patch.optionalString("ai_mode");
            if (!AI_MODES.contains(mode)) {
                throw ApiError.badRequest("Field 'settings.ai_mode' must be 'mention', 'always' or 'off'");
            }
        }
        String model = base.aiModel();
        if (patch.raw("ai_model") != null) {
            model = patch.optionalString("ai_model");
            if (model != null) model = Texts.trimmed("settings.ai_model", model, 1, 200);
            if (model != null && !aiCosts.allows(model)) {
                throw ApiError.badRequest("Field 'settings.ai_model' must be one of the models this server allows: "
                        + String.join(", ", aiCosts.models()));
            }
        }
        String prompt = base.aiSystemPrompt();
        if (patch.raw("ai_system_prompt") != null) {
            prompt = patch.optionalString("ai_system_prompt");
            if (prompt != null) prompt = Texts.trimmed("settings.ai_system_prompt", prompt, 0, 4000);
        }
        Boolean webSearch = patch.optionalBoolean("ai_web_search");
        Double budget = patch.raw("ai_budget_usd") == null ? base.aiBudgetUsd() : budget(patch.raw("ai_budget_usd"));
        return new RoomSettings(mode, model, prompt, webSearch == null ? base.aiWebSearch() : webSearch, budget);
    }

    /** An owner's monthly room budget: a number >= 0 (at most the server's cap), or null for none. */
    private Double budget(JsonNode value) {
        if (value.isNull()) return null;
        if (!value.isNumber() || value.decimalValue().signum() < 0) {
            throw ApiError.badRequest("Field 'settings.ai_budget_usd' must be a number of USD, 0 or more, or null");
        }
        double usd = value.doubleValue();
        Double cap = aiCosts.roomBudgetUsd();
        if (cap != null && usd > cap) {
            throw ApiError.badRequest("Field 'settings.ai_budget_usd' must be at most this server's room budget, "
                    + cap + " USD");
        }
        return usd;
    }
}
