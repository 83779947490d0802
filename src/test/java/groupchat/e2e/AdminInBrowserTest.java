package groupchat.e2e;

import static groupchat.testsupport.Api.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import groupchat.testsupport.Api;
import groupchat.testsupport.Api.TestUser;
import groupchat.testsupport.TestServer;
import groupchat.testsupport.fake.FakeOpenRouter;
import groupchat.testsupport.fake.SseScript;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The operator's view in a headless browser: the room's spend against its budget, and the admin page. */
@Tag("slow")
class AdminInBrowserTest {
    static final String MODEL = "fake/e2e-model";
    private static FakeOpenRouter openRouter;
    private static TestServer server;
    private static Api api;

    @BeforeAll
    static void start() {
        assumeTrue(Browser.available(), "needs /usr/bin/chromium and /usr/bin/chromedriver");
        openRouter = FakeOpenRouter.start();
        openRouter.models(200, "{\"data\":[{\"id\":\"" + MODEL + "\",\"name\":\"Fake E2E\",\"context_length\":8000,"
                + "\"pricing\":{\"prompt\":\"0\",\"completion\":\"0\"}}]}");
        server = TestServer.start(Map.of("OPENROUTER_API_KEY", "test-key", "OPENROUTER_BASE_URL", openRouter.baseUrl(),
                "DEFAULT_MODEL", MODEL, "AI_BUDGET_ROOM_USD", "2", "ADMIN_USERS", "ada"));
        api = server.api();
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
        if (openRouter != null) openRouter.close();
    }

    /** A room where the assistant has answered once, at {@code cost} USD. */
    static String roomWithAnAnswer(TestUser owner, double cost) throws InterruptedException {
        String roomId = api.post("/api/rooms", owner.token(), obj("name", "Spending")).body().get("id").asText();
        openRouter.enqueue(SseScript.stream().model(MODEL).role().content("Costly words.").finish("stop")
                .usage(1000, 200, cost).done());
        api.post("/api/rooms/" + roomId + "/messages", owner.token(), obj("content", "@ai say something"));
        for (int i = 0; i < 200; i++) {
            JsonNode history = api.get("/api/rooms/" + roomId + "/messages", owner.token()).body();
            if (history.size() == 2) return roomId;
            Thread.sleep(50);
        }
        throw new AssertionError("the assistant did not answer");
    }

    /** Opens the client already signed in with the user's token. */
    static void signIn(Browser browser, TestUser user) {
        browser.get(server.baseUrl() + "/");
        browser.script("localStorage.setItem('groupchat.token', arguments[0])", user.token());
        browser.get(server.baseUrl() + "/");
        browser.find(".layout");
    }

    @Test
    void roomSettingsShowTheMonthsSpendAgainstTheBudgetAndTheOwnerLowersIt() throws Exception {
        TestUser owner = api.register("dora");
        String roomId = roomWithAnAnswer(owner, 0.5);
        for (int[] size : new int[][] {{1280, 800}, {390, 844}}) {
            String suffix = size[0] < 500 ? "phone" : "desktop";
            try (Browser browser = Browser.open("dora-" + suffix, size[0], size[1])) {
                signIn(browser, owner);
                browser.click("[data-action=room-settings]");
                // The server's cap first; the budget the owner set on the desktop when on the phone.
                browser.waitForText("[data-role=room-budget]", size[0] < 500 ? "$0.50 of $1.00" : "$0.50 of $2.00");
                browser.screenshot("40-room-budget-" + suffix);
                browser.type(".modal input[name=ai_budget_usd]", size[0] < 500 ? "1.5" : "1");
                browser.click("[data-action=save-settings]");
                browser.waitForText(".toast", "Room settings saved");
                assertTrue(browser.severeLogs().isEmpty(), browser.severeLogs().toString());
            }
            double expected = size[0] < 500 ? 1.5 : 1.0;
            assertEquals(expected, api.get("/api/rooms/" + roomId, owner.token()).body()
                    .at("/settings/ai_budget_usd").asDouble());
        }
    }

    @Test
    void anAdminDisablesAUserAndSeesTheMonthsSpendWhereOthersSeeNoAdminEntry() throws Exception {
        TestUser ada = api.register("ada");
        TestUser bob = api.register("bob");
        roomWithAnAnswer(ada, 0.25);
        try (Browser browser = Browser.open("bob-desktop", 1280, 800)) {
            signIn(browser, bob);
            browser.find(".user-display");
            assertTrue(browser.all("[data-action=admin]").isEmpty(), "no admin entry for others");
        }
        JsonNode usage = api.get("/api/admin/usage", ada.token()).body();
        String total = String.format(java.util.Locale.ROOT, "$%.2f", usage.at("/total/cost").asDouble());
        int days = java.time.YearMonth.parse(usage.get("month").asText()).lengthOfMonth();
        for (int[] size : new int[][] {{1280, 800}, {390, 844}}) {
            boolean phone = size[0] < 500;
            String suffix = phone ? "phone" : "desktop";
            try (Browser browser = Browser.open("ada-" + suffix, size[0], size[1])) {
                signIn(browser, ada);
                browser.script("window.confirm = () => true");
                if (phone) browser.openDrawer();
                browser.click("[data-action=admin]");
                browser.type("[data-role=admin-search]", "bob");
                // The list is redrawn once the search settles: click only in the redrawn one.
                browser.until(d -> {
                    var rows = browser.all(".admin-user");
                    return !rows.isEmpty() && rows.stream().allMatch(r -> "bob".equals(r.getAttribute("data-username")));
                }, "the search to list only bob");
                String action = phone ? "enable-user" : "disable-user";
                browser.click(".admin-user[data-username=bob] [data-action=" + action + "]");
                if (phone) {
                    browser.until(d -> browser.all(".admin-user[data-username=bob].is-disabled").isEmpty(), "bob enabled");
                } else {
                    browser.waitForText(".admin-user[data-username=bob]", "disabled");
                }
                browser.screenshot("41-admin-users-" + suffix);
                int login = api.post("/api/auth/login", null, obj("username", "bob", "password", "password123"))
                        .status();
                assertEquals(phone ? 200 : 403, login, "disabled on the desktop, enabled again on the phone");

                browser.click("[data-tab=spend]");
                browser.waitForText("[data-role=spend-total]", total);
                assertEquals(days, browser.all("[data-chart=per-day] rect").size(), "one bar per day of the month");
                browser.waitForText("[data-chart=per-model]", MODEL);
                browser.screenshot("42-admin-spend-" + suffix);
                assertTrue(browser.severeLogs().isEmpty(), browser.severeLogs().toString());
            }
        }
    }
}
