package groupchat.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import groupchat.testsupport.Api;
import groupchat.testsupport.Api.TestUser;
import groupchat.testsupport.Rooms;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;

/** A server without OPENROUTER_API_KEY: the client says the assistant is off, and a mention is answered with a notice. */
@Tag("slow")
class AiOffInBrowserTest {
    private static E2eServer server;
    private static Api api;

    @BeforeAll
    static void startServer() throws Exception {
        server = E2eServer.startWithoutAi("Robo");
        api = server.api();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) server.close();
    }

    @Test
    void theClientShowsTheAssistantIsOffAndAMentionGetsANotice() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        TestUser alice = api.register("alice_" + suffix);
        TestUser bob = api.register("bob_" + suffix);
        Rooms.publicRoom(api, alice, bob);
        try (Browser a = Browser.open("alice-ai-off", 1280, 800); Browser b = Browser.open("bob-ai-off", 390, 844)) {
            a.signIn(server.base, alice.token());
            b.signIn(server.base, bob.token());
            for (Browser browser : new Browser[] {a, b}) {
                String placeholder = browser.find(".composer-input").getAttribute("placeholder");
                assertEquals("Message (AI assistant off)", placeholder);
            }
            WebElement input = a.find(".composer-input");
            input.sendKeys("@");
            a.until(d -> ChatPolishInBrowserTest.handles(a).equals(List.of(bob.username())), "only Bob to mention, no assistant");
            input.sendKeys("Robo are you there?\n");
            for (Browser browser : new Browser[] {a, b}) {
                browser.waitForText(".msg-system", "The AI assistant (Robo) is not configured on this server");
            }
            a.screenshot("ai-off-01-notice-desktop");
            b.screenshot("ai-off-01-notice-phone");

            a.click("[data-action=room-settings]");
            assertTrue(a.find(".ai-off-note").isDisplayed());
            assertEquals("true", a.find("fieldset.ai-settings").getAttribute("disabled"), "the assistant's settings are greyed");
            a.screenshot("ai-off-02-settings-desktop");
            for (Browser browser : new Browser[] {a, b}) assertEquals(List.of(), browser.severeLogs(), browser.name);
        }
    }
}
