package org.jifen.household;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.jifen.support.Api;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.*;
import static org.jifen.support.Api.as;
import static org.jifen.support.Api.browser;

/** The staff pages behind the session cookie: they render, they act, they escape what people typed. */
@QuarkusTest
class HouseholdPagesTest {

    @Test
    void shouldRedirectToLoginWithoutSession() {
        RestAssured.given().accept("text/html").redirects().follow(false).get("/villages").then()
                .statusCode(303).header("Location", containsString("/login"));
    }

    @Test
    void shouldListVillagesAndLetTownAdminCreateVillageAndStaff() {
        String admin = Api.admin();
        browser(admin).get("/villages").then().statusCode(200)
                .body(containsString("新增村（社区）")).body(containsString("新增工作人员")).body(containsString("action=\"/logout\""));
        String code = Api.unique("pg").replaceAll("[^A-Za-z0-9]", "");
        browser(admin).formParams(Map.of("code", code, "name", "<b>新村</b>", "kind", "VILLAGE")).post("/villages").then()
                .statusCode(303).header("Location", containsString("ok=village"));
        browser(admin).get("/villages").then().statusCode(200)
                .body(containsString("&lt;b&gt;新村&lt;/b&gt;")).body(not(containsString("<b>新村</b>")));
        Number id = as(admin).get("/api/villages").then().extract().path("find { it.code == '" + code + "' }.id");
        String user = "u" + code.toLowerCase();
        browser(admin).formParams(Map.of("username", user, "password", "secret-pw-1", "displayName", "新专干", "role", "OFFICER",
                "villageId", id.toString())).post("/staff").then().statusCode(303).header("Location", containsString("ok=staff"));
        Api.login(user, "secret-pw-1");
        browser(admin).formParams(Map.of("username", user + "x", "password", "short", "displayName", "x", "role", "OFFICER",
                "villageId", id.toString())).post("/staff").then().statusCode(303).header("Location", containsString("error="));
        // a village officer sees only its village and no admin forms, and may not post them
        String officer = Api.staff("OFFICER", id.longValue());
        browser(officer).get("/villages").then().statusCode(200).body(not(containsString("新增工作人员")));
        browser(officer).formParams(Map.of("code", "X1", "name", "x")).post("/villages").then().statusCode(403);
    }

    @Test
    void shouldSearchFilterAndPageHouseholdsAndEscapeWhatWasTyped() {
        long v = Api.village();
        String officer = Api.staff("OFFICER", v);
        as(officer).body(Map.of("number", "X1", "headName", "<script>alert(1)</script>", "group", "一组",
                "tags", List.of("留守老人"))).post("/api/villages/" + v + "/households").then().statusCode(201);
        for (int i = 0; i < 25; i++) {
            as(officer).body(Map.of("number", String.format("N%02d", i), "headName", "蒋" + i, "group", "二组"))
                    .post("/api/villages/" + v + "/households").then().statusCode(201);
        }
        browser(officer).get("/villages/" + v + "/households").then().statusCode(200)
                .body(containsString("共 26 户")).body(containsString("&lt;script&gt;alert(1)&lt;/script&gt;"))
                .body(not(containsString("<script>alert(1)</script>"))).body(containsString("下一页"))
                .body(containsString("导入名册"));
        browser(officer).get("/villages/" + v + "/households?tag=留守老人").then().statusCode(200)
                .body(containsString("共 1 户"));
        browser(officer).get("/villages/" + v + "/households?q=\"><img src=x>&page=abc").then().statusCode(200)
                .body(not(containsString("<img src=x>"))).body(containsString("共 0 户"));
        browser(officer).get("/villages/" + v + "/households?group=二组&page=2").then().statusCode(200)
                .body(containsString("第 2 / 2 页"));
        browser(Api.staff("CLERK", v)).get("/villages/" + v + "/households").then().statusCode(200)
                .body(not(containsString("导入名册"))).body(not(containsString("新增农户")));
        browser(Api.staff("OFFICER", Api.village())).get("/villages/" + v + "/households").then().statusCode(403);
    }

    @Test
    void shouldShowDetailAndEditHouseholdMembersAndStatusThroughForms() throws Exception {
        long v = Api.village();
        String officer = Api.staff("OFFICER", v);
        browser(officer).formParams(Map.of("number", "F1", "headName", "许文", "phone", "13912345678", "group", "三组"))
                .post("/villages/" + v + "/households").then().statusCode(303).header("Location", containsString("/households/"));
        long h = ((Number) as(officer).get("/api/villages/" + v + "/households?q=F1").then().extract().path("items[0].id")).longValue();
        org.jifen.support.TestLedger.give(h, 25, "2026-03");
        browser(officer).get("/households/" + h).then().statusCode(200)
                .body(containsString("许文")).body(containsString("13912345678")).body(containsString("三组"))
                .body(containsString("可用积分")).body(containsString("本年累计积分")).body(containsString("修改农户信息"));
        browser(officer).formParams(Map.of("number", "F1", "headName", "许文华", "phone", "", "group", "三组",
                        "tag", "困难户", "otherTags", "<i>五保</i>"))
                .post("/households/" + h).then().statusCode(303).header("Location", containsString("ok=saved"));
        browser(officer).formParams(Map.of("number", "F1", "headName", "许文华", "phone", "bad"))
                .post("/households/" + h).then().statusCode(303).header("Location", containsString("error="));
        browser(officer).formParams(Map.of("name", "许小华", "relation", "女")).post("/households/" + h + "/members").then().statusCode(303);
        browser(officer).formParams(Map.of("status", "MOVED_OUT", "reason", "迁往外省")).post("/households/" + h + "/archive")
                .then().statusCode(303);
        browser(officer).get("/households/" + h).then().statusCode(200)
                .body(containsString("许文华")).body(containsString("许小华")).body(containsString("已迁出"))
                .body(containsString("&lt;i&gt;五保&lt;/i&gt;")).body(containsString(">25<"));
        as(officer).get("/api/households/" + h).then().body("tags", contains("困难户", "<i>五保</i>")).body("phone", nullValue());
        String oldCard = as(officer).get("/api/households/" + h + "/card").then().extract().path("qrText");
        browser(officer).get("/households/" + h).then().body(containsString("/households/" + h + "/card/print"))
                .body(containsString("挂失补办"));
        browser(officer).post("/households/" + h + "/card/reissue").then().statusCode(303)
                .header("Location", endsWith("/households/" + h + "/card/print"));
        as(officer).get("/api/households/" + h + "/card").then().body("cardVersion", is(2)).body("qrText", not(oldCard));
        browser(Api.staff("OFFICER", Api.village())).post("/households/" + h + "/card/reissue").then().statusCode(403);
        browser(Api.staff("REVIEWER", v)).get("/households/" + h).then().statusCode(200).body(not(containsString("修改农户信息")))
                .body(not(containsString("挂失补办")));
        browser(Api.staff("REVIEWER", v)).formParams(Map.of("name", "x")).post("/households/" + h + "/members").then().statusCode(403);
        browser(Api.staff("INSPECTOR", null)).get("/villages/" + v + "/audit").then().statusCode(200)
                .body(containsString("move-out"));
    }

    @Test
    void shouldUploadRosterShowDryRunErrorsAndImportOnConfirm() {
        long v = Api.village();
        String officer = Api.staff("OFFICER", v);
        browser(officer).get("/villages/" + v + "/households/import").then().statusCode(200).body(containsString("上传并检查"));
        byte[] bad = "户号,户主姓名,联系电话,村民小组\nK1,,,一组\nK2,<b>x</b>,123,一组\n".getBytes(StandardCharsets.UTF_8);
        browser(officer).multiPart("file", "roster.csv", bad, "text/csv").post("/villages/" + v + "/households/import").then()
                .statusCode(200).body(containsString("缺少户主姓名")).body(containsString("联系电话格式不正确"))
                .body(not(containsString("确认导入")));
        byte[] good = "户号,户主姓名,联系电话,村民小组\nK1,彭一,,一组\nK2,彭二,13912345678,一组\n".getBytes(StandardCharsets.UTF_8);
        String page = browser(officer).multiPart("file", "roster.csv", good, "text/csv").post("/villages/" + v + "/households/import")
                .then().statusCode(200).body(containsString("将新增 2 户")).body(containsString("确认导入")).extract().asString();
        as(officer).get("/api/villages/" + v + "/households").then().body("total", is(0));
        String action = page.replaceAll("(?s).*action=\"(/villages/" + v + "/households/import/[0-9a-f-]{36})\".*", "$1");
        // another officer of the same village cannot confirm someone else's upload
        browser(Api.staff("OFFICER", v)).post(action).then().statusCode(200)
                .body(containsString("未找到该上传文件")).body(not(containsString("导入完成")));
        browser(officer).post(action).then().statusCode(200).body(containsString("导入完成：新增 2 户"));
        as(officer).get("/api/villages/" + v + "/households").then().body("total", is(2));
        browser(officer).post(action).then().statusCode(200).body(containsString("未找到该上传文件"));
        browser(officer).multiPart("file", "x.csv", new byte[0], "text/csv").post("/villages/" + v + "/households/import")
                .then().statusCode(200).body(containsString("文件为空"));
    }
}
