package org.jifen.wechat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.jifen.portal.PortalCardsFixture;
import org.jifen.support.Api;
import org.junit.jupiter.api.Test;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.jifen.support.Api.as;
import static org.junit.jupiter.api.Assertions.*;

/** WeChat logins end to end over HTTP, with the stand-in WeChat: first login binds after card + phone. */
@QuarkusTest
class WeChatLoginTest {

    @Test
    void shouldBindWebOAuthOpenidAfterCardCheckThenLogInDirectly() {
        long v = Api.village();
        long h = Api.household(Api.staff("OFFICER", v), v);
        String openid = "o-web-" + h;

        ExtractableResponse<Response> start = given().redirects().follow(false).get("/portal/wechat").then().statusCode(303).extract();
        String location = start.header("Location");
        assertTrue(location.contains("/connect/oauth2/authorize?appid=wx-mp-app"), location);
        assertTrue(location.contains("scope=snsapi_base"), location);
        assertTrue(location.endsWith("#wechat_redirect"), location);
        assertTrue(URLDecoder.decode(location, StandardCharsets.UTF_8).contains("redirect_uri=http://localhost:8080/portal/wechat/callback"), location);
        String state = start.cookie("jifen_wx_state");
        assertTrue(location.contains("state=" + state));

        // a forged state is refused
        given().redirects().follow(false).cookie("jifen_wx_state", state).queryParam("code", "good-" + openid).queryParam("state", "other")
                .get("/portal/wechat/callback").then().statusCode(400);

        // first time: not bound yet → the login page with a bind ticket
        ExtractableResponse<Response> first = given().redirects().follow(false).cookie("jifen_wx_state", state)
                .queryParam("code", "good-" + openid).queryParam("state", state)
                .get("/portal/wechat/callback").then().statusCode(303).extract();
        assertTrue(first.header("Location").endsWith("/portal/login?bind=1"), first.header("Location"));
        String ticket = first.cookie("jifen_wx_bind");
        assertNotNull(ticket);
        given().cookie("jifen_wx_bind", ticket).get("/portal/login?bind=1").then().statusCode(200)
                .body(containsString("首次用微信登录"));

        // wrong phone: nothing is bound
        given().redirects().follow(false).cookie("jifen_wx_bind", ticket).contentType(ContentType.URLENC)
                .formParam("qrText", PortalCardsFixture.qrText(h, 1)).formParam("phoneLast4", "1234")
                .post("/portal/login").then().statusCode(401);
        // card + phone: bound, logged in
        String portalCookie = given().redirects().follow(false).cookie("jifen_wx_bind", ticket).contentType(ContentType.URLENC)
                .formParam("qrText", PortalCardsFixture.qrText(h, 1)).formParam("phoneLast4", "8000")
                .post("/portal/login").then().statusCode(303).header("Location", endsWith("/portal"))
                .extract().cookie("jifen_portal");
        given().cookie("jifen_portal", portalCookie).get("/api/portal/wechat/bindings").then().statusCode(200)
                .body("$", hasSize(1)).body("[0].appKind", is("MP"));

        // next time the same WeChat user is in at once
        ExtractableResponse<Response> again = callback("good-" + openid);
        assertTrue(again.header("Location").endsWith("/portal"), again.header("Location"));
        String token = again.cookie("jifen_portal");
        as(token).get("/api/portal/me").then().statusCode(200).body("householdId", is((int) h));

        // unbinding ends that
        Number bindingId = as(token).get("/api/portal/wechat/bindings").then().extract().path("[0].id");
        as(token).delete("/api/portal/wechat/bindings/" + bindingId).then().statusCode(204);
        assertTrue(callback("good-" + openid).header("Location").endsWith("/portal/login?bind=1"));
    }

    private static ExtractableResponse<Response> callback(String code) {
        String state = given().redirects().follow(false).get("/portal/wechat").then().extract().cookie("jifen_wx_state");
        return given().redirects().follow(false).cookie("jifen_wx_state", state).queryParam("code", code).queryParam("state", state)
                .get("/portal/wechat/callback").then().statusCode(303).extract();
    }

    @Test
    void shouldLetSeveralFamilyMembersBindTheMiniProgram() {
        long v = Api.village();
        long h = Api.household(Api.staff("OFFICER", v), v);
        for (String member : new String[]{"o-mini-a-" + h, "o-mini-b-" + h}) {
            String ticket = given().contentType(ContentType.JSON).body(Map.of("code", "good-" + member))
                    .post("/api/portal/wechat/mini-login").then().statusCode(200)
                    .body("bound", is(false)).body("token", nullValue())
                    .extract().path("bindTicket");
            given().contentType(ContentType.JSON)
                    .body(Map.of("qrText", PortalCardsFixture.qrText(h, 1), "phoneLast4", "8000", "bindTicket", ticket))
                    .post("/api/portal/login").then().statusCode(200).body("householdId", is((int) h));
            // a ticket binds once
            given().contentType(ContentType.JSON)
                    .body(Map.of("qrText", PortalCardsFixture.qrText(h, 1), "phoneLast4", "8000", "bindTicket", ticket))
                    .post("/api/portal/login").then().statusCode(400).body("code", is("wechat.bind-expired"));
        }
        String token = given().contentType(ContentType.JSON).body(Map.of("code", "good-o-mini-b-" + h))
                .post("/api/portal/wechat/mini-login").then().statusCode(200)
                .body("bound", is(true)).body("householdId", is((int) h))
                .extract().path("token");
        as(token).get("/api/portal/wechat/bindings").then().statusCode(200).body("$", hasSize(2))
                .body("appKind", everyItem(is("MINI")))
                .body("openidMasked", everyItem(containsString("***")));
        // a bad code is a clear 400, not a 5xx
        given().contentType(ContentType.JSON).body(Map.of("code", "nonsense"))
                .post("/api/portal/wechat/mini-login").then().statusCode(400).body("code", is("wechat.invalid-code"));
    }
}
