package groupchat.nostr;

import groupchat.auth.User;

/** The room event sent when a Nostr invite or a Nostr login makes someone a member. */
public record MemberJoined(String type, String roomId, User user) {
    public MemberJoined(String roomId, User user) {
        this("member_joined", roomId, user);
    }
}
