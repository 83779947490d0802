package groupchat.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import groupchat.testsupport.Api;
import groupchat.testsupport.Api.TestUser;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Sessions end where the user ends them, and an invite link admits a new account on an invite-only server. */
@Tag("slow")
class SessionsInBrowserTest {

    @Test
    void aPasswordChangeEndsTheOtherDeviceAndLogOutRevokesTheToken() throws Exception {
        try (E2eServer server = E2eServer.startWithoutAi(Map.of());
             Browser laptop = Browser.open("laptop", 1280, 800);
             Browser phone = Browser.open("phone", 390, 844)) {
            Api api = server.api();
            TestUser dana = api.register("dana");
            String phoneToken = api.post("/api/auth/login", null,
                    Api.obj("username", "dana", "password", "password123")).body().get("token").asText();
            laptop.signIn(server.base, dana.token());
            phone.signIn(server.base, phoneToken);

            laptop.click("[data-action=profile]");
            laptop.type(".modal input[name=current_password]", "password123");
            laptop.type(".modal input[name=new_password]", "a brand new passphrase");
            laptop.click(".modal form:nth-of-type(2) button[type=submit]");
            laptop.waitForText(".toast", "Password changed");

            // The phone's socket is closed with 4001: it shows the sign-in form instead of retrying.
            phone.find(".auth-form");
            phone.waitForText(".toast", "session has ended");
            assertNull(phone.script("return localStorage.getItem('groupchat.token')"), "the phone forgets its token");
            phone.screenshot("30-session-ended-phone");
            assertEquals(401, api.get("/api/auth/me", phoneToken).status(), "the phone's token is revoked");
            assertEquals(200, api.get("/api/auth/me", dana.token()).status(), "the laptop's token stays valid");

            laptop.get(server.base + "/");
            laptop.click("[data-action=logout]");
            laptop.find(".auth-form");
            assertEquals(401, api.get("/api/auth/me", dana.token()).status(), "log out revokes the token on the server");
            for (Browser browser : new Browser[] {laptop, phone}) {
                assertEquals(List.of(), browser.severeLogs().stream().filter(l -> !l.contains("401")).toList(),
                        browser.name + " logged errors");
            }
        }
    }

    @Test
    void anInviteLinkAdmitsANewAccountWhenSignUpNeedsAnInvitation() throws Exception {
        try (E2eServer server = E2eServer.startWithoutAi(Map.of("REGISTRATION", "invite"));
             Browser browser = Browser.open("erin", 1280, 800)) {
            Api api = server.api();
            TestUser admin = api.register("admin"); // the first account may always register
            String roomId = api.post("/api/rooms", admin.token(), Api.obj("name", "Team room"))
                    .body().get("id").asText();
            String invite = api.post("/api/invites", admin.token(), Api.obj("room_id", roomId))
                    .body().get("token").asText();

            browser.get(server.base + "/");
            ChatInBrowserTest.register(browser, "stranger", "Stranger");
            browser.waitForText(".auth-form .form-error", "invite");
            assertEquals(403, api.post("/api/auth/register", null,
                    Api.obj("username", "stranger2", "password", "correct horse battery")).status());

            browser.get(server.base + "/invite/" + invite);
            ChatInBrowserTest.register(browser, "erin", "Erin");
            browser.waitForText(".chat-title", "Team room");
            browser.screenshot("31-invited-sign-up-desktop");
        }
    }
}
