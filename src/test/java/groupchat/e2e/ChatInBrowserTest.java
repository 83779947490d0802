package groupchat.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real client in two headless Chromium sessions against the real server: register, create a
 * room, invite, accept, chat with live typing, and an @ai answer streamed from a fake OpenRouter.
 * Screenshots land in target/e2e-screenshots/. Skipped where Chromium or its driver is missing.
 */
@Tag("slow")
class ChatInBrowserTest {
    private static E2eServer server;
    private static String base;

    @BeforeAll
    static void startServer() throws Exception {
        server = E2eServer.start();
        base = server.base;
    }

    @AfterAll
    static void stopServer() {
        if (server != null) server.close();
    }

    @Test
    void twoUsersChatThroughAnInviteAndSeeTheAiAnswerStream() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String alice = "alice_" + suffix;
        String bob = "bob_" + suffix;
        String roomName = "Planning " + suffix;
        try (Browser a = Browser.open("alice", 1280, 800); Browser b = Browser.open("bob", 390, 844)) {
            a.get(base + "/");
            a.find(".auth-card");
            a.screenshot("01-login-desktop");
            register(a, alice, "Alice " + suffix);
            a.find(".layout");
            a.screenshot("02-empty-desktop");

            a.click("[data-action=create-room]");
            a.type(".modal input[name=name]", roomName);
            a.type(".modal textarea[name=description]", "Where we plan things");
            a.click(".modal button[type=submit]");
            a.waitForText(".chat-title", roomName);

            a.click("[data-action=room-settings]");
            a.click("[data-tab=invites]");
            a.click("[data-action=create-invite]");
            String inviteUrl = a.find(".invite-url").getAttribute("value");
            assertTrue(inviteUrl.startsWith(base + "/invite/"), inviteUrl);
            a.screenshot("03-invite-desktop");
            a.click(".modal-head .icon-btn");

            b.get(inviteUrl);
            b.waitForText(".invite-room", roomName);
            b.screenshot("04-invite-page-phone");
            register(b, bob, "Bob " + suffix);
            b.waitForText(".chat-title", roomName);
            a.waitForText(".chat-meta", "2 members");

            a.find(".composer-input").sendKeys("Hello **Bob**, welcome!");
            b.waitForText(".typing-line", "Alice " + suffix + " is typing");
            b.screenshot("05-typing-phone");
            a.find(".composer-input").sendKeys("\n");
            b.waitForText(".msg-user .msg-content", "Hello Bob, welcome!");
            assertEquals("Bob", b.find(".msg-user .msg-content strong").getText(), "Markdown is rendered");

            b.find(".composer-input").sendKeys("Hi Alice! <script>window.pwned = 1</script> [x](javascript:window.pwned=2)\n");
            a.waitForText(".msg-user .msg-content", "Hi Alice!");
            assertEquals(0, a.all(".msg-content script, .msg-content a[href^=javascript]").size(), "message HTML is sanitized");
            assertEquals(null, a.script("return window.pwned === undefined ? null : window.pwned"));

            a.find(".composer-input").sendKeys("@ai please say hello\n");
            for (Browser browser : new Browser[] {a, b}) {
                browser.waitForText(".msg-streaming .msg-content", "Hello from the fake model.");
            }
            a.screenshot("06-ai-streaming-desktop");
            b.screenshot("06-ai-streaming-phone");
            assertTrue(a.find("[data-action=stop-ai]").isDisplayed(), "the stop button shows while the answer streams");
            server.finishAiAnswer();
            for (Browser browser : new Browser[] {a, b}) {
                browser.waitForText(".msg-ai:not(.msg-streaming) .msg-content", "Here is a list:");
                browser.until(d -> browser.all(".msg-streaming").isEmpty(), "the streaming bubble to be replaced");
                assertEquals(2, browser.all(".msg-ai:not(.msg-streaming) .msg-content li").size(), "the answer's list is rendered");
            }
            String usage = (String) a.script("return document.querySelector('.msg-ai .msg-usage').textContent");
            assertTrue(usage.contains("tokens"), usage);
            a.screenshot("07-ai-answer-desktop");
            b.screenshot("07-ai-answer-phone");
            b.openDrawer();
            b.find(".sidebar .room-item.active");
            b.screenshot("08-drawer-phone");

            for (Browser browser : new Browser[] {a, b}) {
                assertEquals(java.util.List.of(), browser.severeLogs(), browser.name + " logged errors");
            }
        }
    }

    static void register(Browser browser, String username, String displayName) {
        browser.click(".switch-line .link-btn");
        browser.type("input[name=username]", username);
        browser.type("input[name=password]", "correct horse battery");
        browser.type("input[name=display_name]", displayName);
        browser.click(".auth-form button[type=submit]");
    }
}
