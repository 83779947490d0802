package groupchat.e2e;

import static groupchat.testsupport.Api.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import groupchat.testsupport.Api;
import groupchat.testsupport.Api.TestUser;
import groupchat.testsupport.Rooms;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The conversation's finer points in headless Chromium, at desktop (1280) and phone (390) widths:
 * highlighted code blocks with a copy button, the phone header, even spacing of grouped messages,
 * replies (button, quote in the composer and above the reply, jump to the original) and @mention
 * completion. Set-up goes through the API; what a person does goes through the page.
 */
@Tag("slow")
class ChatPolishInBrowserTest {
    private static E2eServer server;
    private static Api api;

    @BeforeAll
    static void startServer() throws Exception {
        server = E2eServer.start();
        api = server.api();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) server.close();
    }

    static TestUser user(String name) {
        return api.register(name + "_" + UUID.randomUUID().toString().substring(0, 6));
    }


    static String say(TestUser user, String roomId, String content, String replyTo) {
        ObjectNode body = obj("content", content);
        if (replyTo != null) body.put("reply_to", replyTo);
        Api.Response r = api.post("/api/rooms/" + roomId + "/messages", user.token(), body);
        assertEquals(201, r.status(), r.toString());
        return r.body().get("id").asText();
    }

    @Test
    void codeBlocksAreHighlightedAndCopiedWithOneClick() throws Exception {
        TestUser alice = user("alice");
        String roomId = Rooms.publicRoom(api, alice);
        String js = "function greet(name) {\n  return `Hello ${name}`; // a comment\n}";
        say(alice, roomId, "Try this:\n\n```js\n" + js + "\n```", null);
        say(alice, roomId, "```\nimport os\n\ndef main():\n    print(os.getcwd())\n```", null);
        try (Browser a = Browser.open("alice-code", 1280, 800)) {
            a.allowClipboard(server.base);
            a.signIn(server.base, alice.token());
            WebElement block = a.find(".code-block");
            assertEquals("js", block.findElement(org.openqa.selenium.By.cssSelector(".code-lang")).getText());
            assertTrue(a.all(".code-block code .hljs-keyword").size() >= 2, "keywords are coloured");
            assertTrue(a.all(".code-block code .hljs-comment").size() == 1, "the comment is coloured");
            assertEquals(2, a.all(".code-block [data-action=copy-code]").size(), "a language-less block gets a copy button too");
            a.screenshot("polish-01-code-desktop");
            a.click(".code-block [data-action=copy-code]");
            a.waitForText(".code-block [data-action=copy-code]", "Copied");
            assertEquals(js, a.clipboard(), "the button copies the code as written, without the colours");
            assertEquals(List.of(), a.severeLogs());
        }
        try (Browser phone = Browser.open("alice-code-phone", 390, 844)) {
            phone.signIn(server.base, alice.token());
            WebElement block = phone.find(".code-block");
            assertTrue(phone.box(block).get("right").doubleValue() <= 390, "the code block fits the phone's width");
            phone.screenshot("polish-01-code-phone");
        }
    }

    @Test
    void phoneHeaderKeepsTheMemberCountOnOneLine() throws Exception {
        TestUser alice = user("alice");
        TestUser bob = user("bob");
        String roomId = Rooms.publicRoom(api, alice, bob);
        assertEquals(200, api.put("/api/rooms/" + roomId, alice.token(), obj("description",
                "Where the whole team plans the next release, with links, notes and far too many words")).status());
        for (int i = 1; i <= 3; i++) say(i % 2 == 0 ? bob : alice, roomId, "message " + i, null);
        try (Browser phone = Browser.open("alice-header", 390, 844)) {
            phone.signIn(server.base, alice.token());
            WebElement count = phone.waitForText("[data-action=members]", "2 members");
            double lineHeight = ((Number) phone.script("return parseFloat(getComputedStyle(arguments[0]).lineHeight)"
                    + " || 1.45 * parseFloat(getComputedStyle(arguments[0]).fontSize)", count)).doubleValue();
            assertTrue(phone.box(count).get("height").doubleValue() < lineHeight * 1.5,
                    "'2 members' is on one line: " + phone.box(count));
            phone.screenshot("polish-02-header-phone");
        }
    }

    @Test
    void groupedMessagesAreEvenlySpaced() throws Exception {
        TestUser alice = user("alice");
        TestUser bob = user("bob");
        String roomId = Rooms.publicRoom(api, alice, bob);
        say(alice, roomId, "First line from Alice", null);
        say(alice, roomId, "A second one", null);
        say(alice, roomId, "A paragraph\n\nand another paragraph", null);
        say(alice, roomId, "- a list\n- of two", null);
        say(alice, roomId, "And a last plain one", null);
        say(bob, roomId, "Bob answers", null);
        say(bob, roomId, "Bob again", null);
        for (int[] size : new int[][] {{1280, 800}, {390, 844}}) {
            try (Browser b = Browser.open("spacing-" + size[0], size[0], size[1])) {
                b.signIn(server.base, alice.token());
                b.waitForText(".msg-content", "Bob again");
                b.screenshot("polish-03-grouped-" + (size[0] > 500 ? "desktop" : "phone"));
                // Each grouped message is its text plus the same padding, whatever the text's shape.
                @SuppressWarnings("unchecked")
                List<Number> extra = (List<Number>) b.script("return [...document.querySelectorAll('.msg-grouped')].map(m =>"
                        + " m.getBoundingClientRect().height - m.querySelector('.msg-content').getBoundingClientRect().height)");
                assertEquals(5, extra.size(), extra.toString());
                for (Number e : extra) {
                    assertEquals(extra.get(0).doubleValue(), e.doubleValue(), 1.0, "room around grouped messages: " + extra);
                }
            }
        }
    }

    @Test
    void repliesQuoteTheOriginalAndJumpToIt() throws Exception {
        TestUser alice = user("alice");
        TestUser bob = user("bob");
        String roomId = Rooms.publicRoom(api, alice, bob);
        say(bob, roomId, "Welcome!", null);
        String original = say(alice, roomId, "Original question: **who** brings the cake?", null);
        for (int i = 1; i <= 60; i++) say(i % 2 == 0 ? alice : bob, roomId, "filler " + i, null);
        say(alice, roomId, "Still nobody?", original); // its original is older than the first page the client loads
        try (Browser a = Browser.open("alice-replies", 1280, 800); Browser b = Browser.open("bob-replies", 390, 844)) {
            a.signIn(server.base, alice.token());
            b.signIn(server.base, bob.token());
            WebElement quote = a.waitForText(".msg .reply-quote", "Original question: who brings the cake?");
            assertTrue(quote.getText().startsWith(alice.username()), quote.getText());

            // On a phone there is no hover: a tap on a message shows its reply button.
            b.waitForText(".msg-content", "filler 60").click();
            b.click(".msg-selected [data-action=reply]");
            String replying = b.waitForText(".composer-reply", "filler 60").getText();
            assertTrue(replying.contains("Replying to") && replying.contains(alice.username()), replying);
            b.screenshot("polish-04-replying-phone");
            b.find(".composer-input").sendKeys("I will bring it\n");
            for (Browser browser : new Browser[] {a, b}) {
                WebElement reply = browser.waitForText(".msg", "I will bring it");
                String quoted = reply.findElement(org.openqa.selenium.By.cssSelector(".reply-quote")).getText();
                assertTrue(quoted.contains(alice.username()) && quoted.endsWith("filler 60"), quoted);
            }
            b.until(d -> !b.find(".composer").getText().contains("Replying to"), "the composer to drop the quote after sending");
            b.screenshot("polish-04-reply-phone");
            a.screenshot("polish-04-reply-desktop");

            a.find(".reply-quote[data-reply-to='" + original + "']").click();
            WebElement target = a.find(".msg[data-id='" + original + "']");
            a.until(d -> target.getAttribute("class").contains("msg-flash")
                    && (Boolean) a.script("const r = arguments[0].getBoundingClientRect(), s = document.querySelector('.messages').getBoundingClientRect();"
                            + "return r.top >= s.top && r.bottom <= s.bottom;", target), "the original to be scrolled into view and flash");
            assertEquals(64, a.all(".message-list .msg").size(), "older history was loaded to reach it");
            a.screenshot("polish-05-jumped-desktop");
            for (Browser browser : new Browser[] {a, b}) assertEquals(List.of(), browser.severeLogs(), browser.name);
        }
    }

    @Test
    void mentionCompletionOffersTheAssistantAndTheOtherMembers() throws Exception {
        TestUser alice = user("alice");
        TestUser bob = user("bob");
        TestUser bea = user("bea");
        Rooms.publicRoom(api, alice, bob, bea);
        try (Browser a = Browser.open("alice-mentions", 1280, 800)) {
            a.signIn(server.base, alice.token());
            WebElement input = a.find(".composer-input");
            assertEquals("Message (type @AI to ask)", input.getAttribute("placeholder"));
            input.sendKeys("Hello @");
            List<String> everyone = List.of("AI", bea.username(), bob.username());
            a.until(d -> handles(a).equals(everyone), "the assistant first, then the members but me, in " + everyone);
            a.screenshot("polish-06-mentions-desktop");
            input.sendKeys("bo");
            assertEquals(List.of(bob.username()), handles(a));
            input.sendKeys(Keys.ENTER);
            assertEquals("Hello @" + bob.username() + " ", input.getAttribute("value"), "Enter picks, it does not send");
            assertTrue(a.all(".mention-picker:not([hidden])").isEmpty());

            input.sendKeys("and @");
            input.sendKeys(Keys.ARROW_DOWN);
            input.sendKeys(Keys.ARROW_UP);
            input.sendKeys(Keys.TAB);
            assertEquals("Hello @" + bob.username() + " and @AI ", input.getAttribute("value"));
            input.sendKeys("mail me at me@b");
            assertTrue(a.all(".mention-picker:not([hidden])").isEmpty(), "an e-mail address is no mention");
            assertEquals(0, a.all(".msg").size(), "nothing was sent while picking");
        }
        try (Browser phone = Browser.open("bob-mentions", 390, 844)) {
            phone.signIn(server.base, bob.token());
            phone.find(".composer-input").sendKeys("thanks @al");
            phone.find(".mention-option[data-handle='" + alice.username() + "']").click();
            assertEquals("thanks @" + alice.username() + " ", phone.find(".composer-input").getAttribute("value"), "a tap picks");
            phone.screenshot("polish-06-mentions-phone");
        }
    }

    @SuppressWarnings("unchecked")
    static List<String> handles(Browser browser) {
        return (List<String>) browser.script(
                "return [...document.querySelectorAll('.mention-picker:not([hidden]) .mention-option')].map(o => o.dataset.handle)");
    }
}
