package org.jifen.notice;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.jifen.support.Api;
import org.jifen.support.TestMonths;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.jifen.notice.NoticeFixture.*;
import static org.jifen.support.Api.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class NoticePublicPageTest {

    @Test
    void shouldShowPublishedNoticeToAnyoneWithHashAndRows() throws Exception {
        long v = Api.village();
        String secretary = secretary(v);
        long a = household(secretary, v, "0101", "李桂兰");
        household(secretary, v, "0102", "王强");
        post(a, "EARN", 42, "2025-01");
        Published p = published(v, secretary, 2025, 1);
        String hash = as(secretary).get("/api/notices/" + p.noticeId()).then().extract().path("contentHash");

        String html = given().accept("text/html").get("/notices/" + p.noticeId()).then().statusCode(200)
                .contentType(containsString("text/html"))
                .header("ETag", not(emptyOrNullString()))
                .header("Cache-Control", containsString("max-age"))
                .extract().asString();
        assertTrue(html.contains("2025年第一季度积分公示"), html);
        assertTrue(html.contains("李桂兰") && html.contains("0101") && html.contains("王强"));
        assertTrue(html.contains(hash));
        assertTrue(html.contains("王书记") && html.contains("村委会 0571-88886666"));
        assertTrue(html.contains("name=\"viewport\""));
        assertTrue(html.indexOf("李桂兰") < html.indexOf("王强"), "ranked by quarter points");
    }

    @Test
    void shouldAnswerNotModifiedToAMatchingETag() throws Exception {
        long v = Api.village();
        String secretary = secretary(v);
        household(secretary, v, "01", "陈一");
        Published p = published(v, secretary, 2025, 2);
        String etag = given().get("/notices/" + p.noticeId()).then().statusCode(200).extract().header("ETag");
        given().header("If-None-Match", etag).get("/notices/" + p.noticeId()).then().statusCode(304)
                .header("ETag", is(etag)).body(emptyString());
        given().header("If-None-Match", "W/\"something-else\"").get("/notices/" + p.noticeId()).then().statusCode(200);
        String searched = given().queryParam("q", "陈").get("/notices/" + p.noticeId()).then().statusCode(200)
                .extract().header("ETag");
        assertFalse(etag.equals(searched), "a search is another page");

        // an answered objection changes the page, so its tag
        Number o = given().contentType("application/json").body(Map.of("text", "分数有误", "contact", "13900000000"))
                .post("/api/notices/" + p.noticeId() + "/objections").then().statusCode(201).extract().path("id");
        as(secretary).body(Map.of("answer", "已核实，无误", "upheld", false)).post("/api/objections/" + o + "/answer")
                .then().statusCode(200);
        given().header("If-None-Match", etag).get("/notices/" + p.noticeId()).then().statusCode(200)
                .header("ETag", not(etag));
    }

    @Test
    void shouldHideDraftsFromThePublic() throws Exception {
        long v = Api.village();
        String secretary = secretary(v);
        TestMonths.closeQuarter(v, 2025, 3);
        long id = draft(secretary, v, 2025, 3, today(), today().plusDays(3));
        given().accept("text/html").get("/notices/" + id).then().statusCode(404).contentType(containsString("text/html"));
        given().get("/notices/" + id + "/poster.pdf").then().statusCode(404);
        given().contentType("application/json").body(Map.of("text", "x", "contact", "y"))
                .post("/api/notices/" + id + "/objections").then().statusCode(404);
        given().get("/notices?village=" + v).then().statusCode(200).body(not(containsString("/notices/" + id + "\"")));
    }

    @Test
    void shouldListPublishedNoticesOnTheBoardNewestFirst() throws Exception {
        long v = Api.village();
        String secretary = secretary(v);
        household(secretary, v, "01", "陈一");
        Published q1 = published(v, secretary, 2025, 1);
        Published q3 = published(v, secretary, 2025, 3);
        Published q2 = published(v, secretary, 2025, 2);
        String html = given().get("/notices?village=" + v).then().statusCode(200).extract().asString();
        int i3 = html.indexOf("/notices/" + q3.noticeId() + "\"");
        int i2 = html.indexOf("/notices/" + q2.noticeId() + "\"");
        int i1 = html.indexOf("/notices/" + q1.noticeId() + "\"");
        assertTrue(i3 > 0 && i3 < i2 && i2 < i1, html);
        assertTrue(html.contains("2025年第三季度积分公示"));
    }

    @Test
    void shouldFindHouseholdsByNumberOrName() throws Exception {
        long v = Api.village();
        String secretary = secretary(v);
        household(secretary, v, "0301", "冯大山");
        household(secretary, v, "0302", "褚小河");
        Published p = published(v, secretary, 2025, 1);
        String byName = given().queryParam("q", "小河").get("/notices/" + p.noticeId()).then().statusCode(200).extract().asString();
        assertTrue(byName.contains("褚小河") && !byName.contains("冯大山"));
        String byNumber = given().queryParam("q", "0301").get("/notices/" + p.noticeId()).then().statusCode(200).extract().asString();
        assertTrue(byNumber.contains("冯大山") && !byNumber.contains("褚小河"));
    }

    @Test
    void shouldShowTypedMarkupAsTextOnPageAndPoster() throws Exception {
        long v = Api.village();
        String secretary = secretary(v);
        household(secretary, v, "01", "<script>alert(1)</script>");
        TestMonths.closeQuarter(v, 2025, 4);
        Number id = as(secretary).body(body(2025, 4, today().minusDays(1), today(), today().plusDays(2), "王<b>书记</b>",
                "\"电话\" & 'x'")).post("/api/villages/" + v + "/notices").then().statusCode(201).extract().path("id");
        publish(secretary, id.longValue());
        String html = given().get("/notices/" + id).then().statusCode(200).extract().asString();
        assertFalse(html.contains("<script>alert(1)</script>"));
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assertFalse(html.contains("王<b>书记</b>"));
        String poster = given().get("/notices/" + id + "/poster").then().statusCode(200).extract().asString();
        assertFalse(poster.contains("<script>alert(1)</script>"));
        assertTrue(poster.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        byte[] pdf = given().get("/notices/" + id + "/poster.pdf").then().statusCode(200).contentType("application/pdf")
                .extract().asByteArray();
        String text = PosterText.extract(pdf).replaceAll("\\s", "");
        assertTrue(text.contains("<script>alert(1)</script>"), text);
    }

    @Test
    void shouldMaskNamesWhenTheTownSaysSo() throws Exception {
        long v = Api.village();
        String secretary = secretary(v);
        household(secretary, v, "01", "张小明");
        household(secretary, v, "02", "李四");
        Published p = published(v, secretary, 2025, 2);
        String etag = given().get("/notices/" + p.noticeId()).then().statusCode(200).extract().header("ETag");
        try {
            as(Api.admin()).body(Map.of("maskNames", true)).put("/api/town/notice-settings").then().statusCode(200)
                    .body("maskNames", is(true));
            as(secretary).body(Map.of("maskNames", false)).put("/api/town/notice-settings").then().statusCode(403);
            String html = given().header("If-None-Match", etag).get("/notices/" + p.noticeId()).then().statusCode(200)
                    .extract().asString();
            assertTrue(html.contains("张*明") && html.contains("李*"), html);
            assertFalse(html.contains("张小明") || html.contains("李四"));
            String text = PosterText.extract(given().get("/notices/" + p.noticeId() + "/poster.pdf").then().statusCode(200)
                    .extract().asByteArray());
            assertTrue(text.contains("张*明") && !text.contains("张小明"), text);
            // staff still see full names
            as(secretary).get("/api/notices/" + p.noticeId()).then().body("rows.headName", hasItems("张小明", "李四"));
        } finally {
            as(Api.admin()).body(Map.of("maskNames", false)).put("/api/town/notice-settings").then().statusCode(200);
        }
        String html = RestAssured.given().get("/notices/" + p.noticeId()).then().statusCode(200).extract().asString();
        assertTrue(html.contains("张小明"));
        assertEquals(etag, RestAssured.given().get("/notices/" + p.noticeId()).then().extract().header("ETag"));
    }
}
