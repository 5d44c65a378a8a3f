package org.jifen.household;

import io.quarkus.test.junit.QuarkusTest;
import org.jifen.support.Api;
import org.jifen.support.TestDatabase;
import org.jifen.support.TestLedger;
import org.junit.jupiter.api.Test;

import java.sql.ResultSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.*;
import static org.jifen.support.Api.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class HouseholdManagementTest {

    static long create(String token, long village, String number, String head, String phone, String group, List<String> tags) {
        Map<String, Object> body = new HashMap<>(Map.of("number", number, "headName", head, "group", group, "tags", tags));
        body.put("phone", phone);
        Number id = as(token).body(body).post("/api/villages/" + village + "/households")
                .then().statusCode(201).extract().path("id");
        return id.longValue();
    }

    @Test
    void shouldSearchByNumberHeadNameAndPhoneWithPagingAndTotal() {
        long v = Api.village();
        String officer = Api.staff("OFFICER", v);
        create(officer, v, "0101", "李桂兰", "13912345678", "一组", List.of());
        create(officer, v, "0102", "王建国", "13800001111", "一组", List.of());
        create(officer, v, "0201", "李明", "13700002222", "二组", List.of());
        for (int i = 0; i < 23; i++) {
            create(officer, v, "09" + String.format("%02d", i), "赵" + i, null, "三组", List.of());
        }
        as(officer).get("/api/villages/" + v + "/households?q=李").then().statusCode(200)
                .body("total", is(2)).body("items.headName", containsInAnyOrder("李桂兰", "李明"));
        as(officer).get("/api/villages/" + v + "/households?q=0102").then().statusCode(200)
                .body("total", is(1)).body("items[0].headName", is("王建国"));
        as(officer).get("/api/villages/" + v + "/households?q=0000222").then().statusCode(200)
                .body("total", is(1)).body("items[0].number", is("0201"));
        as(officer).get("/api/villages/" + v + "/households?q=%25").then().statusCode(200).body("total", is(0));
        as(officer).get("/api/villages/" + v + "/households?group=三组&size=10&page=3").then().statusCode(200)
                .body("total", is(23)).body("page", is(3)).body("size", is(10)).body("items", hasSize(3));
        as(officer).get("/api/villages/" + v + "/households?size=500").then().statusCode(400);
        as(officer).get("/api/villages/" + v + "/households?status=GONE").then().statusCode(400);
    }

    @Test
    void shouldTagHouseholdsAndFilterByTagAndStatus() {
        long v = Api.village();
        String officer = Api.staff("OFFICER", v);
        long elder = create(officer, v, "1", "周大爷", null, "一组", List.of("留守老人"));
        long poor = create(officer, v, "2", "吴二", null, "一组", List.of());
        as(officer).body(Map.of("tags", List.of("困难户", "残疾"))).put("/api/households/" + poor + "/tags").then().statusCode(200)
                .body("tags", contains("困难户", "残疾"));
        as(officer).get("/api/villages/" + v + "/households?tag=困难户").then().statusCode(200)
                .body("total", is(1)).body("items[0].id", is((int) poor)).body("items[0].tags", hasItem("残疾"));
        as(officer).get("/api/villages/" + v + "/households?tag=留守老人").then().statusCode(200)
                .body("items.id", contains((int) elder));
        as(officer).get("/api/villages/" + v + "/household-facets").then().statusCode(200)
                .body("groups", contains("一组")).body("tags", hasItems("留守老人", "留守儿童", "困难户"));
        as(officer).body(Map.of("status", "MOVED_OUT", "reason", "全家迁往县城")).post("/api/households/" + elder + "/archive")
                .then().statusCode(200).body("status", is("MOVED_OUT"));
        as(officer).get("/api/villages/" + v + "/households?status=ACTIVE").then().statusCode(200)
                .body("items.id", contains((int) poor));
        as(officer).get("/api/villages/" + v + "/households?status=MOVED_OUT").then().statusCode(200)
                .body("items.id", contains((int) elder));
    }

    @Test
    void shouldEditHouseholdAndRefuseANumberTakenInTheVillage() {
        long v = Api.village();
        String officer = Api.staff("OFFICER", v);
        long a = create(officer, v, "A1", "孙立", "13912345678", "一组", List.of("脱贫户"));
        create(officer, v, "A2", "钱芳", null, "二组", List.of());
        as(officer).body(Map.of("number", "A3", "headName", "孙立新", "phone", "0851-6123456", "group", "三组"))
                .put("/api/households/" + a).then().statusCode(200)
                .body("number", is("A3")).body("headName", is("孙立新")).body("phone", is("0851-6123456"))
                .body("group", is("三组")).body("tags", contains("脱贫户"));
        as(officer).body(Map.of("number", "A2", "headName", "孙立新")).put("/api/households/" + a).then().statusCode(409)
                .body("code", is("household.duplicate-number"));
        as(officer).body(Map.of("number", "A3", "headName", "孙立新", "phone", "12345")).put("/api/households/" + a)
                .then().statusCode(400).body("fields", hasItem("phone"));
        as(officer).body(Map.of("number", "", "headName", "孙立新")).put("/api/households/" + a).then().statusCode(400);
        as(officer).body("{\"number\": [1], ").put("/api/households/" + a).then().statusCode(400);
        as(officer).body(Map.of("number", "A9", "headName", "某")).put("/api/households/999999999").then().statusCode(404);
        // the same number again is no change of number
        as(officer).body(Map.of("number", "A3", "headName", "孙立新")).put("/api/households/" + a).then().statusCode(200)
                .body("phone", nullValue());
    }

    @Test
    void shouldAddEditAndRemoveMembers() {
        long v = Api.village();
        String secretary = Api.staff("SECRETARY", v);
        long h = create(secretary, v, "M1", "郑强", null, "一组", List.of());
        Number m1 = as(secretary).body(Map.of("name", "郑小明", "relation", "子")).post("/api/households/" + h + "/members")
                .then().statusCode(201).body("name", is("郑小明")).extract().path("id");
        as(secretary).body(Map.of("name", "林秀", "relation", "配偶")).post("/api/households/" + h + "/members").then().statusCode(201);
        as(secretary).body(Map.of("name", "郑晓明", "relation", "子")).put("/api/households/" + h + "/members/" + m1)
                .then().statusCode(200).body("name", is("郑晓明"));
        as(secretary).get("/api/households/" + h).then().statusCode(200).body("members.name", contains("郑晓明", "林秀"));
        as(secretary).delete("/api/households/" + h + "/members/" + m1).then().statusCode(204);
        as(secretary).get("/api/households/" + h + "/members").then().statusCode(200).body("name", contains("林秀"));
        as(secretary).delete("/api/households/" + h + "/members/" + m1).then().statusCode(404);
        // a member id of another household in the same village is not found under this household
        long other = create(secretary, v, "M2", "郑二", null, "一组", List.of());
        Number m3 = as(secretary).body(Map.of("name", "某人")).post("/api/households/" + other + "/members")
                .then().statusCode(201).extract().path("id");
        as(secretary).delete("/api/households/" + h + "/members/" + m3).then().statusCode(404);
        as(secretary).body(Map.of("relation", "子")).post("/api/households/" + h + "/members").then().statusCode(400);
    }

    @Test
    void shouldArchiveOrMoveOutWithAReasonAndNeverDeleteAHouseholdWithPostings() throws Exception {
        long v = Api.village();
        String officer = Api.staff("OFFICER", v);
        long withPoints = create(officer, v, "P1", "冯伟", null, "一组", List.of());
        long mistaken = create(officer, v, "P2", "冯伟伟", null, "一组", List.of());
        as(officer).body(Map.of("name", "冯小", "relation", "女")).post("/api/households/" + mistaken + "/members").then().statusCode(201);
        TestLedger.give(withPoints, 12, "2026-02");

        as(officer).body(Map.of("status", "ARCHIVED")).post("/api/households/" + withPoints + "/archive").then().statusCode(400)
                .body("fields", hasItem("reason"));
        as(officer).body(Map.of("status", "DELETED", "reason", "x")).post("/api/households/" + withPoints + "/archive").then().statusCode(400);
        as(officer).delete("/api/households/" + withPoints).then().statusCode(409).body("code", is("household.has-postings"));
        as(officer).body(Map.of("status", "ARCHIVED", "reason", "户主去世，户已注销")).post("/api/households/" + withPoints + "/archive")
                .then().statusCode(200).body("status", is("ARCHIVED")).body("availablePoints", is(12));
        as(officer).body(Map.of("status", "ACTIVE")).post("/api/households/" + withPoints + "/archive")
                .then().statusCode(200).body("status", is("ACTIVE"));

        as(officer).delete("/api/households/" + mistaken).then().statusCode(204);
        as(officer).get("/api/households/" + mistaken).then().statusCode(404);
        try (var c = TestDatabase.connect(); var s = c.createStatement()) {
            // the database itself refuses too
            try {
                s.executeUpdate("DELETE FROM household WHERE id = " + withPoints);
                throw new AssertionError("delete of a household with postings went through");
            } catch (java.sql.SQLException e) {
                assertTrue(e.getMessage().contains("household.has-postings") || e.getMessage().contains("foreign key"), e.getMessage());
            }
        }
    }

    @Test
    void shouldAuditEveryWriteWithBeforeAndAfter() throws Exception {
        long v = Api.village();
        String officer = Api.staff("OFFICER", v);
        long h = create(officer, v, "AU1", "陈平", "13912345678", "一组", List.of());
        as(officer).body(Map.of("number", "AU1", "headName", "陈平安", "phone", "13912345678", "group", "二组"))
                .put("/api/households/" + h).then().statusCode(200);
        as(officer).body(Map.of("tags", List.of("留守儿童"))).put("/api/households/" + h + "/tags").then().statusCode(200);
        as(officer).body(Map.of("name", "陈一", "relation", "子")).post("/api/households/" + h + "/members").then().statusCode(201);
        as(officer).body(Map.of("status", "MOVED_OUT", "reason", "外出务工落户")).post("/api/households/" + h + "/archive").then().statusCode(200);

        as(officer).get("/api/villages/" + v + "/audit?entity=household&entityId=" + h).then().statusCode(200)
                .body("total", is(4))
                .body("items.action", contains("move-out", "tags", "update", "create"))
                .body("items[2].before.headName", is("陈平")).body("items[2].after.headName", is("陈平安"))
                .body("items[2].before.group", is("一组")).body("items[2].after.group", is("二组"))
                .body("items[0].after.reason", is("外出务工落户"))
                .body("items[3].before", nullValue());
        // village and staff creation are in the village's trail too
        as(officer).get("/api/villages/" + v + "/audit").then().statusCode(200).body("total", is(7))
                .body("items[0].actor", notNullValue()).body("items.entity", hasItems("household", "member", "staff", "village"));
        as(Api.staff("INSPECTOR", null)).get("/api/villages/" + v + "/audit").then().statusCode(200).body("total", is(7));
        as(Api.staff("SECRETARY", v)).get("/api/villages/" + v + "/audit?page=2&size=2").then().statusCode(200)
                .body("items", hasSize(2)).body("page", is(2));
        as(Api.staff("CLERK", v)).get("/api/villages/" + v + "/audit").then().statusCode(403);
        as(Api.staff("REVIEWER", v)).get("/api/villages/" + v + "/audit").then().statusCode(403);
        as(Api.staff("OFFICER", Api.village())).get("/api/villages/" + v + "/audit").then().statusCode(403);

        try (var c = TestDatabase.connect(); var s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM audit_log WHERE village_id = " + v + " AND entity = 'member'")) {
            rs.next();
            assertEquals(1, rs.getInt(1));
        }
    }
}
