package org.jifen.wechat;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.jifen.common.security.Tokens;
import org.jifen.support.Api;
import org.jifen.support.TestDatabase;
import org.jifen.wechat.FakeWeChatResource.InjectFakeWeChat;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.jifen.portal.PortalLogins.*;
import static org.jifen.support.Api.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.jifen.support.Api.browser;

/**
 * Removing a WeChat binding ends the portal sessions that came from it, at once on this instance (the sessions are
 * looked up, so cached, before each removal): removed by the household on {@code /portal/bindings}, by an officer
 * through the API or the staff page, or moved to another household by a newer bind. Other sessions of the household
 * stay, and the removed binding's unsent messages are not sent. Staff of another village cannot see or touch the
 * bindings.
 */
@QuarkusTest
class UnbindSessionsTest {

    @InjectFakeWeChat
    FakeWeChat fake;

    @Inject
    OutboxSender sender;

    /** A mini-program user bound to {@code householdId} (with card + phone): the binding's id and two sessions. */
    record Bound(long bindingId, String bySession, String byWeChat) {
    }

    static Bound bind(long householdId, String openid) {
        String byBindLogin = cardLogin(householdId, bindTicket(openid));
        String byWeChat = weChatLogin(openid, householdId);
        Number id = as(byWeChat).get("/api/portal/wechat/bindings").then().statusCode(200)
                .extract().path("find { it.openidMasked == '" + masked(openid) + "' }.id");
        return new Bound(id.longValue(), byBindLogin, byWeChat);
    }

    /** As {@code Bindings.mask} shows an openid: its first and last three characters. */
    static String masked(String openid) {
        return openid.substring(0, 3) + "***" + openid.substring(openid.length() - 3);
    }

    static void alive(String token, long householdId) {
        as(token).get("/api/portal/me").then().statusCode(200).body("householdId", is((int) householdId));
    }

    static void dead(String token) {
        as(token).get("/api/portal/me").then().statusCode(401);
    }

    @Test
    void shouldEndTheSessionsOfABindingTheHouseholdRemovesOnItsPortalPage() {
        long v = Api.village();
        long h = Api.household(Api.staff("OFFICER", v), v);
        Bound a = bind(h, "sa-self-" + h);
        Bound b = bind(h, "sb-self-" + h);
        String byCard = cardLogin(h, null);
        for (String t : new String[]{a.bySession(), a.byWeChat(), b.bySession(), b.byWeChat(), byCard}) {
            alive(t, h);
        }

        given().redirects().follow(false).cookie("jifen_portal", byCard).post("/portal/bindings/" + a.bindingId() + "/unbind")
                .then().statusCode(303).header("Location", endsWith("/portal/bindings"));

        dead(a.byWeChat());
        dead(a.bySession());
        given().redirects().follow(false).accept("text/html").cookie("jifen_portal", a.byWeChat()).get("/portal")
                .then().statusCode(303).header("Location", endsWith("/portal/login"));
        alive(b.byWeChat(), h);
        alive(b.bySession(), h);
        alive(byCard, h);
        // the removed WeChat user has to bind again (card + phone) to get back in
        bindTicket("sa-self-" + h);
        // a villager's write is in the audit trail too, with the household as the actor
        as(Api.admin()).queryParam("entity", "household").queryParam("entityId", h).get("/api/villages/" + v + "/audit")
                .then().statusCode(200)
                .body("items.findAll { it.action == 'unbind-wechat' }", hasSize(1))
                .body("items.find { it.action == 'unbind-wechat' }.actor", is("household:" + h))
                .body("items.find { it.action == 'unbind-wechat' }.before.bindingId", is((int) a.bindingId()));
    }

    @Test
    void shouldLetAnOfficerListWithMaskedOpenidsAndRemoveABindingThroughTheApi() {
        long v = Api.village();
        String officer = Api.staff("OFFICER", v);
        long h = Api.household(officer, v);
        String openidA = "aa-api-" + h;
        Bound a = bind(h, openidA);
        Bound b = bind(h, "ab-api-" + h);
        alive(a.byWeChat(), h);

        as(officer).get("/api/households/" + h + "/wechat-bindings").then().statusCode(200)
                .body("$", hasSize(2))
                .body("id", hasItems((int) a.bindingId(), (int) b.bindingId()))
                .body("appKind", everyItem(is("MINI")))
                .body("openidMasked", hasItem(masked(openidA)))
                .body("lastLoginAt", everyItem(notNullValue()))
                .body(not(containsString(openidA)));
        as(Api.staff("INSPECTOR", null)).get("/api/households/" + h + "/wechat-bindings").then().statusCode(200).body("$", hasSize(2));
        as(Api.staff("SECRETARY", v)).get("/api/households/" + h + "/wechat-bindings").then().statusCode(200);
        as(Api.staff("CLERK", v)).get("/api/households/" + h + "/wechat-bindings").then().statusCode(403);
        as(Api.staff("INSPECTOR", null)).delete("/api/households/" + h + "/wechat-bindings/" + a.bindingId()).then().statusCode(403);
        alive(a.byWeChat(), h);

        // a binding of another household (same village) is not found under this household
        long other = Api.household(officer, v);
        Bound elsewhere = bind(other, "ax-api-" + other);
        as(officer).delete("/api/households/" + h + "/wechat-bindings/" + elsewhere.bindingId()).then().statusCode(404);
        alive(elsewhere.byWeChat(), other);

        as(officer).delete("/api/households/" + h + "/wechat-bindings/" + a.bindingId()).then().statusCode(204);
        dead(a.byWeChat());
        dead(a.bySession());
        alive(b.byWeChat(), h);
        as(officer).get("/api/households/" + h + "/wechat-bindings").then().statusCode(200)
                .body("$", hasSize(1)).body("[0].id", is((int) b.bindingId()));
        as(officer).delete("/api/households/" + h + "/wechat-bindings/" + a.bindingId()).then().statusCode(404);
        as(officer).get("/api/households/999999999/wechat-bindings").then().statusCode(404);

        // the audit trail names who removed which (masked) openid and how many sessions ended
        as(officer).queryParam("entity", "household").queryParam("entityId", h).get("/api/villages/" + v + "/audit")
                .then().statusCode(200)
                .body("items.findAll { it.action == 'unbind-wechat' }", hasSize(1))
                .body("items.find { it.action == 'unbind-wechat' }.actor", startsWith("officer"))
                .body("items.find { it.action == 'unbind-wechat' }.before.bindingId", is((int) a.bindingId()))
                .body("items.find { it.action == 'unbind-wechat' }.before.openid", is(masked(openidA)))
                .body("items.find { it.action == 'unbind-wechat' }.after.endedSessions", is(2));
    }

    @Test
    void shouldLetAnOfficerRemoveABindingOnTheStaffPage() {
        long v = Api.village();
        String officer = Api.staff("OFFICER", v);
        long h = Api.household(officer, v);
        Bound a = bind(h, "pa-page-" + h);
        Bound b = bind(h, "pb-page-" + h);
        alive(a.byWeChat(), h);

        browser(officer).get("/households/" + h).then().statusCode(200)
                .body(containsString("href=\"/households/" + h + "/wechat\""));
        browser(officer).get("/households/" + h + "/wechat").then().statusCode(200)
                .body(containsString(masked("pa-page-" + h)))
                .body(not(containsString("pa-page-")))
                .body(containsString("微信小程序"))
                .body(containsString("action=\"/households/" + h + "/wechat/" + a.bindingId() + "/unbind\""));
        // an inspector reads the page without the remove buttons and may not post them
        String inspector = Api.staff("INSPECTOR", null);
        browser(inspector).get("/households/" + h + "/wechat").then().statusCode(200)
                .body(containsString(masked("pa-page-" + h))).body(not(containsString("/unbind\"")));
        browser(inspector).post("/households/" + h + "/wechat/" + a.bindingId() + "/unbind").then().statusCode(403);

        browser(officer).post("/households/" + h + "/wechat/" + a.bindingId() + "/unbind").then().statusCode(303)
                .header("Location", endsWith("/households/" + h + "/wechat?ok=removed"));
        dead(a.byWeChat());
        dead(a.bySession());
        alive(b.byWeChat(), h);
        browser(officer).get("/households/" + h + "/wechat?ok=removed").then().statusCode(200)
                .body(containsString("已解除绑定"))
                .body(not(containsString("/wechat/" + a.bindingId() + "/unbind")))
                .body(containsString("/wechat/" + b.bindingId() + "/unbind"));
        // removing it again is a friendly "not found" page
        browser(officer).post("/households/" + h + "/wechat/" + a.bindingId() + "/unbind").then().statusCode(404)
                .contentType(containsString("text/html"));
    }

    @Test
    void shouldRefuseStaffOfAnotherVillage() {
        long v = Api.village();
        long h = Api.household(Api.staff("OFFICER", v), v);
        Bound a = bind(h, "sc-scope-" + h);
        long strangerVillage = Api.village();
        String stranger = Api.staff("OFFICER", strangerVillage);

        as(stranger).get("/api/households/" + h + "/wechat-bindings").then().statusCode(403);
        as(stranger).delete("/api/households/" + h + "/wechat-bindings/" + a.bindingId()).then().statusCode(403);
        browser(stranger).get("/households/" + h + "/wechat").then().statusCode(403);
        browser(stranger).post("/households/" + h + "/wechat/" + a.bindingId() + "/unbind").then().statusCode(403);
        // nor through a household of its own village: there that binding does not exist
        long own = Api.household(stranger, strangerVillage);
        as(stranger).delete("/api/households/" + own + "/wechat-bindings/" + a.bindingId()).then().statusCode(404);
        // a household session is no staff
        as(a.byWeChat()).get("/api/households/" + h + "/wechat-bindings").then().statusCode(403);
        alive(a.byWeChat(), h);
        weChatLogin("sc-scope-" + h, h);
    }

    @Test
    void shouldEndTheOldHouseholdsSessionsWhenTheOpenidIsBoundToAnotherHousehold() {
        long v = Api.village();
        String officer = Api.staff("OFFICER", v);
        long first = Api.household(officer, v);
        long second = Api.household(officer, v);
        String openid = "mv-move-" + first;
        // two pending tickets of the same WeChat user, e.g. two taps before either was used
        String ticket1 = bindTicket(openid);
        String ticket2 = bindTicket(openid);
        String byBind1 = cardLogin(first, ticket1);
        String byWeChat1 = weChatLogin(openid, first);
        String byCard1 = cardLogin(first, null);
        alive(byWeChat1, first);
        alive(byBind1, first);

        String byBind2 = cardLogin(second, ticket2);

        dead(byWeChat1);
        dead(byBind1);
        alive(byCard1, first);
        alive(byBind2, second);
        alive(weChatLogin(openid, second), second);
        as(byCard1).get("/api/portal/wechat/bindings").then().statusCode(200).body("$", hasSize(0));
    }

    @Test
    void shouldNotSendTheUnsentMessagesOfARemovedBinding() throws Exception {
        long v = Api.village();
        String officer = Api.staff("OFFICER", v);
        long h = Api.household(officer, v);
        Bound a = bind(h, "ma-msg-" + h);
        Bound b = bind(h, "mb-msg-" + h);
        queue(h, a.bindingId(), "ma-msg-" + h);
        queue(h, b.bindingId(), "mb-msg-" + h);

        as(officer).delete("/api/households/" + h + "/wechat-bindings/" + a.bindingId()).then().statusCode(204);

        assertEquals("SKIPPED", messageStatus(a.bindingId()));
        assertEquals("PENDING", messageStatus(b.bindingId()));
        sender.sendDue().await().atMost(Duration.ofSeconds(60));
        assertEquals(0, fake.messages.stream().filter(m -> ("ma-msg-" + h).equals(m.touser())).count(), "nothing to a");
        assertEquals(1, fake.messages.stream().filter(m -> ("mb-msg-" + h).equals(m.touser())).count(), "b's goes out");
        assertEquals("SKIPPED", messageStatus(a.bindingId()));
        assertTrue(messageStatus(b.bindingId()).startsWith("SENT"), messageStatus(b.bindingId()));
    }

    static void queue(long householdId, long bindingId, String openid) throws Exception {
        try (var c = TestDatabase.connect(); var s = c.prepareStatement("""
                INSERT INTO wechat_outbox (household_id, binding_id, app_kind, openid, kind, template_id, data, dedup_key)
                VALUES (?, ?, 'MINI', ?, 'points-changed', 'tpl', '{}'::jsonb, ?)""")) {
            s.setLong(1, householdId);
            s.setLong(2, bindingId);
            s.setString(3, openid);
            s.setString(4, "unbind-test:" + bindingId);
            s.executeUpdate();
        }
    }

    static String messageStatus(long bindingId) throws Exception {
        try (var c = TestDatabase.connect(); var s = c.prepareStatement("SELECT status FROM wechat_outbox WHERE binding_id = ?")) {
            s.setLong(1, bindingId);
            try (var r = s.executeQuery()) {
                r.next();
                return r.getString(1);
            }
        }
    }

    @Test
    void shouldRefuseASessionWhoseBindingIsGoneOrMovedEvenIfItWasNeverRevoked() throws Exception {
        // e.g. another instance's view, or a session written by a login that raced with the removal
        long v = Api.village();
        String officer = Api.staff("OFFICER", v);
        long h = Api.household(officer, v);
        long other = Api.household(officer, v);
        Bound mine = bind(h, "ra-raw-" + h);
        Bound theirs = bind(other, "rb-raw-" + other);
        String gone = Tokens.newToken();
        String moved = Tokens.newToken();
        String current = Tokens.newToken();
        try (var c = TestDatabase.connect(); var s = c.prepareStatement("""
                INSERT INTO auth_session (token_hash, household_id, expires_at, binding_id)
                VALUES (?, ?, now() + interval '1 day', ?)""")) {
            s.setLong(2, h);
            s.setString(1, Tokens.hash(gone));
            s.setLong(3, 999_999_999L);
            s.executeUpdate();
            s.setString(1, Tokens.hash(moved));
            s.setLong(3, theirs.bindingId());
            s.executeUpdate();
            s.setString(1, Tokens.hash(current));
            s.setLong(3, mine.bindingId());
            s.executeUpdate();
        }
        dead(gone);
        dead(moved);
        alive(current, h);
    }
}
