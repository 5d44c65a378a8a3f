package org.jifen.points;

import io.quarkus.test.junit.QuarkusTest;
import org.jifen.support.Api;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.jifen.points.Points.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.jifen.support.Api.page;

@QuarkusTest
class PointsPagesTest {

    @Test
    void shouldRegisterManyHouseholdsFromTheRegistrationPageAndKeepFailedRows() throws Exception {
        long v = Api.village();
        String officer = Api.staff("OFFICER", v);
        long h1 = Api.household(officer, v);
        long h2 = Api.household(officer, v);
        String code = item(4);
        String n1 = given().header("Authorization", "Bearer " + officer).get("/api/households/" + h1).then().extract().path("number");
        String n2 = given().header("Authorization", "Bearer " + officer).get("/api/households/" + h2).then().extract().path("number");
        page(officer).get("/villages/" + v + "/registration").then().statusCode(200)
                .body(containsString("月登记")).body(containsString(n1));
        String month = pastMonth(1);
        page(officer).contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .formParam("household", n1 + " 张三", n2, "不存在的户")
                .formParam("item", code + " 测试", code, code)
                .formParam("quantity", "2", "1", "1")
                .formParam("date", month + "-03", month + "-04", month + "-05")
                .formParam("note", "", "", "")
                .post("/villages/" + v + "/registration").then().statusCode(200)
                .body(containsString("已登记 2 条")).body(containsString("不存在的户")).body(containsString("找不到该农户"));
        assertEquals(2, intOf("SELECT count(*) FROM entry WHERE village_id = ? AND status = 'PENDING'", v));
        assertEquals(8, intOf("SELECT points FROM entry WHERE household_id = ?", h1));
    }

    @Test
    void shouldRegisterAHouseholdByItsScannedCardAndRefuseAnOldCard() throws Exception {
        long v = Api.village();
        String officer = Api.staff("OFFICER", v);
        long h = Api.household(officer, v);
        String code = item(3);
        String card = given().header("Authorization", "Bearer " + officer).get("/api/households/" + h + "/card").then()
                .statusCode(200).extract().path("qrText");
        String month = pastMonth(1);
        page(officer).contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .formParam("household", card).formParam("item", code).formParam("quantity", "1")
                .formParam("date", month + "-06").formParam("note", "")
                .post("/villages/" + v + "/registration").then().statusCode(200).body(containsString("已登记 1 条"));
        assertEquals(3, intOf("SELECT points FROM entry WHERE household_id = ?", h));
        given().header("Authorization", "Bearer " + officer).post("/api/households/" + h + "/card/reissue").then().statusCode(200);
        page(officer).contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .formParam("household", card).formParam("item", code).formParam("quantity", "1")
                .formParam("date", month + "-07").formParam("note", "")
                .post("/villages/" + v + "/registration").then().statusCode(200).body(containsString("找不到该农户"));
        assertEquals(1, intOf("SELECT count(*) FROM entry WHERE household_id = ?", h));
    }

    @Test
    void shouldShowReviewQueueClosePreviewAndLedgerPages() throws Exception {
        long v = Api.village();
        String officer = Api.staff("OFFICER", v);
        String reviewer = Api.staff("REVIEWER", v);
        String secretary = Api.staff("SECRETARY", v);
        long h = Api.household(officer, v);
        String month = pastMonth(1);
        long e = entry(officer, v, h, item(6), 1, month);
        page(reviewer).get("/villages/" + v + "/review").then().statusCode(200).body(containsString("+6 分"));
        page(reviewer).contentType("application/x-www-form-urlencoded; charset=UTF-8").formParam("decision", "APPROVE").formParam("note", "属实")
                .post("/entries/" + e + "/review-form").then().statusCode(303);
        page(secretary).get("/villages/" + v + "/months/" + month + "/close").then().statusCode(200)
                .body(containsString("确认结账")).body(containsString("+10"));
        page(secretary).post("/villages/" + v + "/months/" + month + "/close").then().statusCode(303);
        page(secretary).get("/villages/" + v + "/months/" + month + "/close").then().statusCode(200)
                .body(containsString("已结账")).body(not(containsString("确认结账")));
        page(secretary).get("/households/" + h + "/ledger").then().statusCode(200)
                .body(containsString("奖励")).body(containsString("冲正"));
        page(secretary).get("/villages/" + v + "/catalog").then().statusCode(200).body(containsString("积分细则"));
        assertEquals(16, available(h));
    }
}
