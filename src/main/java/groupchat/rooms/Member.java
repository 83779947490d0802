package groupchat.rooms;

import groupchat.auth.User;

public record Member(User user, String role, String joinedAt) {}
