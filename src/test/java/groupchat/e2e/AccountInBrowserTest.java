package groupchat.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Register, log out, refused log-ins with the server's message, log in, rename: in a headless browser. */
@Tag("slow")
class AccountInBrowserTest {
    private static E2eServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = E2eServer.start();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) server.close();
    }

    @Test
    void accountLifecycleShowsTheServersErrors() throws Exception {
        String name = "carol_" + UUID.randomUUID().toString().substring(0, 6);
        try (Browser browser = Browser.open("carol", 1280, 800)) {
            browser.get(server.base + "/");
            ChatInBrowserTest.register(browser, name, "Carol");
            browser.waitForText(".user-display", "Carol");
            assertTrue(browser.script("return localStorage.getItem('groupchat.token')") != null, "the token is kept");

            browser.click("[data-action=logout]");
            browser.find(".auth-form");
            assertNull(browser.script("return localStorage.getItem('groupchat.token')"), "log out forgets the token");

            ChatInBrowserTest.register(browser, name.toUpperCase(), "Carol again");
            String taken = browser.find(".auth-form .form-error").getText();
            assertTrue(!taken.isBlank(), "a taken username is reported");
            browser.screenshot("10-register-conflict-desktop");

            browser.click(".switch-line .link-btn");
            browser.type("input[name=username]", name);
            browser.type("input[name=password]", "wrong password!");
            browser.click(".auth-form button[type=submit]");
            String refused = browser.find(".auth-form .form-error").getText();
            assertTrue(!refused.isBlank(), "a wrong password is reported");

            browser.type("input[name=password]", "correct horse battery");
            browser.click(".auth-form button[type=submit]");
            browser.waitForText(".user-display", "Carol");

            browser.click("[data-action=profile]");
            browser.type(".modal input[name=display_name]", "Carol Renamed");
            browser.click(".modal form button[type=submit]");
            browser.waitForText(".user-display", "Carol Renamed");
            browser.screenshot("11-profile-desktop");
            browser.get(server.base + "/");
            assertEquals("Carol Renamed", browser.find(".user-display").getText(), "the new name is stored");
        }
    }
}
