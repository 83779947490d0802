package groupchat.e2e;

import static groupchat.testsupport.Api.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import groupchat.testsupport.Api;
import groupchat.testsupport.Api.TestUser;
import groupchat.testsupport.Rooms;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * Everyday chat in headless Chromium, one person at desktop width (1280) and one on a phone (390):
 * editing and deleting, reactions, unread counts that survive a reload and follow the reader to
 * another device, search that opens the page around a message, and direct messages (with a person
 * and with the assistant). Set-up goes through the API; what a person does goes through the page.
 */
@Tag("slow")
class EverydayChatInBrowserTest {
    private static E2eServer server;
    private static Api api;

    @BeforeAll
    static void startServer() throws Exception {
        server = E2eServer.start();
        api = server.api();
        // Two tests ask the assistant, in either order: neither answer waits, both say the same.
        server.finishAiAnswer();
        server.queueAnswer("Hello from the fake model. Again.");
    }

    @AfterAll
    static void stopServer() {
        if (server != null) server.close();
    }

    static TestUser user(String name) {
        return api.register(name + "_" + UUID.randomUUID().toString().substring(0, 6));
    }

    static String say(TestUser user, String roomId, String content) {
        Api.Response r = api.post("/api/rooms/" + roomId + "/messages", user.token(), obj("content", content));
        assertEquals(201, r.status(), r.toString());
        return r.body().get("id").asText();
    }

    static JsonNode stored(TestUser reader, String roomId, String messageId) {
        for (JsonNode m : api.get("/api/rooms/" + roomId + "/messages?limit=200", reader.token()).body()) {
            if (m.get("id").asText().equals(messageId)) return m;
        }
        throw new AssertionError("no message " + messageId);
    }

    static String msg(String id) {
        return ".msg[data-id='" + id + "']";
    }

    /** Shows a message's actions: hover on a desktop, a tap on a phone. */
    static void showActions(Browser browser, String messageId, boolean phone) {
        WebElement el = browser.find(msg(messageId));
        if (phone) browser.find(msg(messageId) + " .msg-content").click(); else browser.hover(el);
    }

    @Test
    void authorsEditAndDeleteAndEveryoneSeesItLive() throws Exception {
        TestUser alice = user("alice");
        TestUser bob = user("bob");
        String roomId = Rooms.publicRoom(api, alice, bob);
        String typo = say(alice, roomId, "See you at 10 tomorow");
        String spam = say(bob, roomId, "Buy cheap watches");
        try (Browser a = Browser.open("alice-edit", 1280, 800); Browser b = Browser.open("bob-edit", 390, 844)) {
            a.signIn(server.base, alice.token());
            b.signIn(server.base, bob.token());
            b.waitForText(msg(typo), "tomorow");

            showActions(a, typo, false);
            a.click(msg(typo) + " [data-action=edit]");
            WebElement editor = a.find(msg(typo) + " .msg-editor-input");
            assertEquals("See you at 10 tomorow", editor.getAttribute("value"));
            a.screenshot("everyday-01-editing-desktop");
            editor.clear();
            editor.sendKeys("See you at 10 tomorrow\n");
            for (Browser browser : new Browser[] {a, b}) {
                browser.waitForText(msg(typo) + " .msg-content", "See you at 10 tomorrow (edited)");
            }
            assertFalse(stored(bob, roomId, typo).get("edited_at").isNull());
            // Arrow Up in the empty message box opens my last message's editor; Escape leaves it as it was.
            a.find(".composer-input").sendKeys(Keys.ARROW_UP);
            a.find(msg(typo) + " .msg-editor-input").sendKeys(Keys.ESCAPE);
            a.until(d -> a.all(".msg-editor").isEmpty(), "the editor to close");
            a.waitForText(msg(typo) + " .msg-content", "See you at 10 tomorrow (edited)");
            b.screenshot("everyday-01-edited-phone");

            // Bob can neither edit nor delete Alice's message; his own he can edit.
            showActions(b, typo, true);
            assertTrue(b.all(msg(typo) + " [data-action=edit]").isEmpty() && b.all(msg(typo) + " [data-action=delete]").isEmpty());
            showActions(b, spam, true);
            assertTrue(b.all(msg(spam) + " [data-action=edit]").size() == 1, "his own message has an edit button");

            // Alice owns the room: she deletes Bob's message, after a confirm.
            showActions(a, spam, false);
            a.click(msg(spam) + " [data-action=delete]");
            assertTrue(a.acceptConfirm().contains("Delete this message by"));
            for (Browser browser : new Browser[] {a, b}) browser.waitForText(msg(spam), "message deleted");
            assertTrue(b.all(msg(spam) + " .msg-actions").isEmpty(), "a tombstone has no actions");
            assertTrue(stored(alice, roomId, spam).get("deleted").asBoolean());
            a.screenshot("everyday-02-deleted-desktop");
            b.screenshot("everyday-02-deleted-phone");
            for (Browser browser : new Browser[] {a, b}) assertEquals(List.of(), browser.severeLogs(), browser.name);
        }
    }

    @Test
    void reactionsToggleWithCountsAndWhoReacted() throws Exception {
        TestUser alice = user("alice");
        TestUser bob = user("bob");
        String roomId = Rooms.publicRoom(api, alice, bob);
        String cake = say(bob, roomId, "The cake is ready");
        String thumb = msg(cake) + " .reaction[data-emoji='👍']";
        try (Browser a = Browser.open("alice-react", 1280, 800); Browser b = Browser.open("bob-react", 390, 844)) {
            a.signIn(server.base, alice.token());
            b.signIn(server.base, bob.token());
            showActions(a, cake, false);
            a.click(msg(cake) + " [data-action=react]");
            a.find(".emoji-picker");
            a.screenshot("everyday-03-picker-desktop");
            a.click(".emoji-picker .emoji-option[data-emoji='👍']");
            assertEquals("1", a.waitForText(thumb + " .reaction-count", "1").getText());
            assertEquals("true", a.find(thumb).getAttribute("aria-pressed"), "mine is highlighted");

            WebElement bobsChip = b.waitForText(thumb, "1");
            assertEquals("false", bobsChip.getAttribute("aria-pressed"));
            assertTrue(bobsChip.getAttribute("title").contains(alice.username()), bobsChip.getAttribute("title"));
            bobsChip.click();
            for (Browser browser : new Browser[] {a, b}) browser.waitForText(thumb + " .reaction-count", "2");
            b.until(d -> "true".equals(b.find(thumb).getAttribute("aria-pressed")), "Bob's reaction to be his");
            b.screenshot("everyday-03-reactions-phone");

            a.click(thumb);
            for (Browser browser : new Browser[] {a, b}) browser.waitForText(thumb + " .reaction-count", "1");
            a.until(d -> "false".equals(a.find(thumb).getAttribute("aria-pressed")), "Alice's reaction to be gone");
            assertEquals("you reacted with 👍", b.find(thumb).getAttribute("title"));
            JsonNode reactions = stored(alice, roomId, cake).get("reactions");
            assertEquals(1, reactions.size());
            assertEquals(bob.id(), reactions.get(0).get("user_ids").get(0).asText());
            a.screenshot("everyday-03-reactions-desktop");
            for (Browser browser : new Browser[] {a, b}) assertEquals(List.of(), browser.severeLogs(), browser.name);
        }
    }

    @Test
    void unreadCountsSurviveAReloadAndFollowTheReaderToOtherDevices() throws Exception {
        TestUser alice = user("alice");
        TestUser bob = user("bob");
        String attic = Rooms.create(api, alice, "Attic", true);
        String beta = Rooms.create(api, alice, "Beta", true);
        for (String room : List.of(attic, beta)) assertEquals(200, api.post("/api/rooms/" + room + "/join", bob.token(), null).status());
        say(alice, beta, "Read before Bob looked");
        assertEquals(204, api.post("/api/rooms/" + beta + "/read", bob.token(),
                obj("message_id", api.get("/api/rooms/" + beta + "/messages", bob.token()).body().get(0).get("id").asText())).status());
        String badge = ".room-item[data-room-id='" + beta + "'] .badge";
        try (Browser desk = Browser.open("bob-unread", 1280, 800); Browser phone = Browser.open("bob-unread-phone", 390, 844)) {
            desk.signIn(server.base, bob.token()); // opens Attic, the first room by name
            desk.waitForText(".chat-title", "Attic");
            String first = say(alice, beta, "One");
            say(alice, beta, "Two");
            say(alice, beta, "Three");
            desk.waitForText(badge, "3");
            desk.until(d -> desk.title().equals("(3) GroupChat"), "the count in the tab title");

            desk.get(server.base + "/");
            desk.waitForText(badge, "3");
            assertEquals("(3) GroupChat", desk.title(), "the count is kept by the server");
            desk.screenshot("everyday-04-unread-after-reload-desktop");

            phone.signIn(server.base, bob.token());
            phone.openDrawer();
            phone.waitForText(badge, "3");
            phone.screenshot("everyday-04-unread-phone");

            desk.click(".room-item[data-room-id='" + beta + "']");
            WebElement line = desk.find(".message-list .new-line");
            assertEquals(first, line.findElement(By.xpath("following-sibling::*[contains(@class,'msg')][1]")).getAttribute("data-id"),
                    "the line sits just before the first unread message");
            desk.until(d -> d.findElements(By.cssSelector(badge)).isEmpty() && desk.title().equals("GroupChat"), "the room to be read");
            desk.screenshot("everyday-05-new-messages-line-desktop");
            phone.until(d -> d.findElements(By.cssSelector(badge)).isEmpty(), "the other device to learn it was read (read_marker)");
            phone.screenshot("everyday-05-read-elsewhere-phone");

            phone.get(server.base + "/");
            phone.find(".layout");
            phone.openDrawer();
            phone.find(".room-item[data-room-id='" + beta + "']");
            assertTrue(phone.all(badge).isEmpty(), "read stays read after a reload");
            for (JsonNode room : api.get("/api/rooms", bob.token()).body()) assertEquals(0, room.get("unread_count").asInt());
            for (Browser browser : new Browser[] {desk, phone}) assertEquals(List.of(), browser.severeLogs(), browser.name);
        }
    }

    @Test
    void searchOpensThePageAroundTheMessageInItsRoom() throws Exception {
        TestUser alice = user("alice");
        Rooms.create(api, alice, "Attic", true);
        String garden = Rooms.create(api, alice, "Garden", true);
        for (int i = 1; i <= 30; i++) say(alice, garden, "older " + i);
        String target = say(alice, garden, "The secret word is Piñata, remember it");
        for (int i = 1; i <= 80; i++) say(alice, garden, "filler " + i);
        for (int[] size : new int[][] {{1280, 800}, {390, 844}}) {
            boolean phone = size[0] < 500;
            try (Browser a = Browser.open("alice-search-" + size[0], size[0], size[1])) {
                a.signIn(server.base, alice.token());
                a.waitForText(".chat-title", "Attic");
                if (phone) a.openDrawer();
                a.type(".search-input", "pinat\n");
                WebElement hit = a.find(".search-result[data-message-id='" + target + "']");
                assertTrue(hit.getText().contains("Garden") && hit.getText().contains(alice.username()), hit.getText());
                assertEquals("Piñata", hit.findElement(By.cssSelector("mark")).getText(), "the accent-free prefix is marked");
                a.screenshot("everyday-06-search-" + (phone ? "phone" : "desktop"));
                hit.click();
                a.waitForText(".chat-title", "Garden");
                WebElement found = a.find(msg(target));
                a.until(d -> found.getAttribute("class").contains("msg-flash")
                        && (Boolean) a.script("const r = arguments[0].getBoundingClientRect(), s = document.querySelector('.messages').getBoundingClientRect();"
                                + "return r.top >= s.top && r.bottom <= s.bottom;", found), "the message to be in view and flash");
                assertEquals(51, a.all(".message-list .msg").size(), "the page around it: 25 before, the message, 25 after");
                a.screenshot("everyday-07-jumped-" + (phone ? "phone" : "desktop"));
                // Scrolling down fetches the newer pages until the newest message.
                a.until(d -> {
                    a.script("const s = document.querySelector('.messages'); s.scrollTop = s.scrollHeight;");
                    return a.all(".message-list .msg-content").stream().anyMatch(e -> e.getText().equals("filler 80"));
                }, "the newest message after scrolling down");
                assertEquals(List.of(), a.severeLogs());
            }
        }
    }

    @Test
    void directMessagesAndAPrivateChatWithTheAssistant() throws Exception {
        TestUser alice = user("alice");
        TestUser bob = user("bob");
        String roomId = Rooms.publicRoom(api, alice, bob);
        say(alice, roomId, "Hello team");
        try (Browser a = Browser.open("alice-dm", 1280, 800); Browser b = Browser.open("bob-dm", 390, 844)) {
            a.signIn(server.base, alice.token());
            b.signIn(server.base, bob.token());
            a.click("[data-action=members]");
            a.waitForText(".member-row", bob.username()).findElement(By.cssSelector("[data-action=direct-message]")).click();
            a.waitForText(".chat-title", bob.username());
            a.waitForText(".direct-list .room-item.active", bob.username());
            a.find(".composer-input").sendKeys("Hi Bob, a private word\n");
            a.waitForText(".msg-content", "Hi Bob, a private word");

            // Bob learns of the new room at once (room_added), named after Alice, with one unread.
            b.openDrawer();
            b.waitForText(".direct-list .room-item[data-kind=direct]", alice.username());
            b.waitForText(".direct-list .room-item[data-kind=direct] .badge", "1");
            b.screenshot("everyday-08-dm-listed-phone");
            b.click(".direct-list .room-item[data-kind=direct]");
            String aliceWrote = b.waitForText(".msg", "Hi Bob, a private word").getAttribute("data-id");
            showActions(b, aliceWrote, true);
            b.find(msg(aliceWrote) + " [data-action=reply]");
            assertTrue(b.all(msg(aliceWrote) + " [data-action=delete]").isEmpty(), "both own the room, yet neither deletes the other's words");
            b.find(".composer-input").sendKeys("Hi Alice\n");
            a.waitForText(".msg-content", "Hi Alice");
            a.screenshot("everyday-08-dm-desktop");

            // A name on a message opens the same direct room again: one room per pair.
            b.openDrawer();
            b.click(".room-item[data-room-id='" + roomId + "']");
            b.waitForText(".msg [data-action=person]", alice.username()).click();
            b.click(".person-card [data-action=direct-message]");
            b.waitForText(".msg-content", "Hi Alice");
            long directRooms = 0;
            for (JsonNode room : api.get("/api/rooms", bob.token()).body()) if (room.get("kind").asText().equals("direct")) directRooms++;
            assertEquals(1, directRooms);

            // Chat with the assistant: a private room with only the AI, answering every message.
            server.finishAiAnswer();
            a.click("[data-action=chat-with-ai]");
            a.waitForText(".chat-title", "Chat with AI");
            assertEquals("Message (AI answers all)", a.find(".composer-input").getAttribute("placeholder"));
            a.find(".composer-input").sendKeys("Plan my day\n");
            a.waitForText(".msg-ai .msg-content", "Hello from the fake model");
            a.waitForText(".direct-list .room-item.active", "Chat with AI");
            assertTrue(a.all("[data-action=chat-with-ai]").isEmpty(), "offered once; then it is a room like the others");
            // The list is redrawn as counts change: read the id in one step.
            String aiRoom = (String) a.script("return document.querySelector('.direct-list .room-item.active').dataset.roomId");
            JsonNode room = api.get("/api/rooms/" + aiRoom, alice.token()).body();
            assertEquals(List.of(false, 1, "always"), List.of(room.get("is_public").asBoolean(), room.get("member_count").asInt(),
                    room.get("settings").get("ai_mode").asText()));
            a.screenshot("everyday-09-chat-with-ai-desktop");
            for (Browser browser : new Browser[] {a, b}) assertEquals(List.of(), browser.severeLogs(), browser.name);
        }
    }

    @Test
    void mentionsAndAnswersNotifyWhileTheTabIsInTheBackground() throws Exception {
        TestUser alice = user("alice");
        TestUser bob = user("bob");
        String roomId = Rooms.publicRoom(api, alice, bob);
        say(alice, roomId, "Morning all");
        try (Browser b = Browser.open("bob-notify", 1280, 800)) {
            b.allowNotifications(server.base);
            b.signIn(server.base, bob.token());
            b.click("[data-action=notifications]");
            b.until(d -> "true".equals(b.find("[data-action=notifications]").getAttribute("aria-pressed")), "the bell to be on");
            b.screenshot("everyday-10-bell-on-desktop");
            // Headless Chromium has no other window to hide this tab behind: the page is told it is in the
            // background, and each notification it shows (with the real Notification API) is also noted.
            b.script("Object.defineProperty(document, 'hidden', {get: () => true}); document.hasFocus = () => false;"
                    + "const Real = window.Notification; window.shown = [];"
                    + "window.Notification = class extends Real { constructor(t, o) { super(t, o); window.shown.push(t + ' | ' + o.body); } };");
            String lunch = say(alice, roomId, "Lunch is at noon");
            say(alice, roomId, "@" + bob.username() + " can you bring the plates?");
            b.waitForText(".msg-content", "can you bring the plates?");
            WebElement line = b.find(".message-list .new-line");
            assertEquals(lunch, line.findElement(By.xpath("following-sibling::*[contains(@class,'msg')][1]")).getAttribute("data-id"),
                    "a line shows where to read on");
            b.screenshot("everyday-11-away-desktop");
            b.find(".composer-input").sendKeys("@AI what should I cook?\n");
            String room = "public room";
            List<String> expected = List.of(alice.username() + " in " + room + " | @" + bob.username() + " can you bring the plates?",
                    "AI answered you in " + room + " | Hello from the fake model");
            @SuppressWarnings("unchecked")
            java.util.function.Supplier<List<String>> shown = () -> (List<String>) b.script("return window.shown");
            try {
                b.until(d -> shown.get().size() >= 2, "two notifications");
            } catch (org.openqa.selenium.TimeoutException e) {
                throw new AssertionError("notifications shown: " + shown.get(), e);
            }
            assertEquals(expected.get(0), shown.get().get(0), "the mention");
            assertTrue(shown.get().get(1).startsWith(expected.get(1)), "the answer: " + shown.get());
            assertEquals(2, shown.get().size(), "none for the rest: " + shown.get());
            assertEquals("(3) GroupChat", b.title(), "nothing was read while away: the two messages and the answer");
            assertEquals(List.of(), b.severeLogs());
        }
    }
}
