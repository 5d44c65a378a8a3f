package org.jifen.support;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.jifen.support.Api.as;

/**
 * Two villages, A and B, each with staff of every village role, households with points, goods in stock, a purchase,
 * a redemption, a pending entry, a published notice with an objection, a redemption day and a deed report: the ids a
 * sweep over every endpoint fills path parameters with (by parameter name, e.g. {@code householdId}).
 */
public final class FuzzWorld {

    public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    /** One village's staff tokens and the ids of its data, by path parameter name. */
    public static final class Village {
        public final long id;
        public final Map<String, String> tokens = new LinkedHashMap<>();
        /** Each role's username; the password is {@code "pw-" + username}. */
        public final Map<String, String> usernames = new LinkedHashMap<>();
        public String villagerCard;
        public final Map<String, String> ids = new LinkedHashMap<>();
        /** The card text of {@code householdId}, for redemptions and portal logins. */
        public String qrText;
        /** A second household whose villager is logged in to the portal (the sweep leaves its card alone). */
        public long villagerHousehold;
        public String villagerToken;

        Village(long id) {
            this.id = id;
        }

        public String token(String role) {
            return tokens.get(role);
        }

        /** A new session of the role's staff member (for a call that ends the session it is sent with). */
        public String staffSession(String role) {
            return Api.login(usernames.get(role), "pw-" + usernames.get(role));
        }

        /** A new portal session of the villager. */
        public String villagerSession() {
            return io.restassured.RestAssured.given().contentType("application/json")
                    .body(Map.of("qrText", villagerCard, "phoneLast4", "8000")).post("/api/portal/login")
                    .then().statusCode(200).extract().path("token");
        }
    }

    public final Village a;
    public final Village b;
    /** A town-wide catalog item, for entries. */
    public final String itemCode;

    private FuzzWorld(Village a, Village b, String itemCode) {
        this.a = a;
        this.b = b;
        this.itemCode = itemCode;
    }

    public static LocalDate today() {
        return LocalDate.now(CHINA);
    }

    public static String thisMonth() {
        return YearMonth.now(CHINA).toString();
    }

    /** Builds both villages over the API (ledger months of last year's fourth quarter closed by SQL, for the notice). */
    public static FuzzWorld build() throws Exception {
        String code = Api.unique("FZ").replaceAll("[^A-Za-z0-9_.-]", "");
        as(Api.admin()).body(Map.of("code", code, "category", "测试类", "title", "模糊测试项目", "points", 2, "unit", "次"))
                .post("/api/catalog").then().statusCode(201);
        return new FuzzWorld(village(code, Api.admin()), village(code, Api.admin()), code);
    }

    /**
     * Village A in the test town (of {@code admin}) and village B in another town, whose TOWN_ADMIN is {@code otherTownAdmin}:
     * for sweeps across towns. The catalog item is created in both towns.
     */
    public static FuzzWorld acrossTowns(String otherTownAdmin) throws Exception {
        String code = Api.unique("FZ").replaceAll("[^A-Za-z0-9_.-]", "");
        for (String admin : List.of(Api.admin(), otherTownAdmin)) {
            as(admin).body(Map.of("code", code, "category", "测试类", "title", "模糊测试项目", "points", 2, "unit", "次"))
                    .post("/api/catalog").then().statusCode(201);
        }
        return new FuzzWorld(village(code, Api.admin()), village(code, otherTownAdmin), code);
    }

    /**
     * One village like A's and B's, in the town of {@code townAdmin} (a TOWN_ADMIN's token), whose catalog must have
     * an item {@code itemCode}: for sweeps across towns.
     */
    public static Village village(String itemCode, String townAdmin) throws Exception {
        Village v = new Village(Api.village(townAdmin));
        for (String role : List.of("CLERK", "OFFICER", "SECRETARY", "REVIEWER")) {
            String username = Api.unique(role.toLowerCase()).replaceAll("[^A-Za-z0-9_.@-]", "");
            Map<String, Object> body = new HashMap<>(Map.of("username", username, "password", "pw-" + username,
                    "displayName", "测试" + role, "role", role, "villageId", v.id));
            as(townAdmin).body(body).post("/api/staff").then().statusCode(201);
            v.usernames.put(role, username);
            v.tokens.put(role, Api.login(username, "pw-" + username));
        }
        String officer = v.token("OFFICER");
        String secretary = v.token("SECRETARY");
        v.ids.put("villageId", String.valueOf(v.id));

        long household = Api.household(secretary, v.id);
        v.ids.put("householdId", String.valueOf(household));
        Number member = as(secretary).body(Map.of("name", "成员", "relation", "子"))
                .post("/api/households/" + household + "/members").then().statusCode(201).extract().path("id");
        v.ids.put("memberId", member.toString());
        Number posting = as(secretary).body(Map.of("points", 500, "month", thisMonth(), "reason", "模糊测试底分"))
                .post("/api/households/" + household + "/adjustments").then().statusCode(201).extract().path("id");
        v.ids.put("postingId", posting.toString());
        v.qrText = as(officer).get("/api/households/" + household + "/card").then().statusCode(200).extract().path("qrText");

        v.villagerHousehold = Api.household(secretary, v.id);
        String villagerCard = v.villagerCard = as(officer).get("/api/households/" + v.villagerHousehold + "/card").then().statusCode(200)
                .extract().path("qrText");
        v.villagerToken = v.villagerSession();

        Number goods = as(officer).body(Map.of("name", "肥皂", "unit", "块", "pointsPrice", 5, "category", "日用品"))
                .post("/api/villages/" + v.id + "/goods").then().statusCode(201).extract().path("id");
        v.ids.put("goodsId", goods.toString());
        Map<String, Object> item = new HashMap<>(Map.of("goodsId", goods, "quantity", 50, "unitCostCents", 250));
        item.put("expiresOn", null);
        Number batch = as(officer).body(Map.of("supplier", "供销社", "purchasedOn", today().toString(), "items", List.of(item)))
                .post("/api/villages/" + v.id + "/purchases").then().statusCode(201).extract().path("batches[0].id");
        v.ids.put("batchId", batch.toString());
        Number redemption = as(v.token("CLERK")).body(Map.of("qrText", v.qrText, "items", List.of(Map.of("goodsId", goods, "quantity", 1)),
                        "idempotencyKey", UUID.randomUUID().toString()))
                .post("/api/redemptions").then().statusCode(201).extract().path("id");
        v.ids.put("redemptionId", redemption.toString());
        Number day = as(officer).body(Map.of("day", today().plusDays(3).toString(), "title", "兑换日"))
                .post("/api/villages/" + v.id + "/redemption-days").then().statusCode(201).extract().path("id");
        v.ids.put("redemptionDayId", day.toString());

        Number entry = as(officer).body(Map.of("householdId", household, "itemCode", itemCode, "quantity", 1,
                        "occurredOn", today().toString(), "note", "模糊测试"))
                .post("/api/villages/" + v.id + "/entries").then().statusCode(201).extract().path("id");
        v.ids.put("entryId", entry.toString());

        int year = today().getYear() - 1;
        TestMonths.closeQuarter(v.id, year, 4);
        LocalDate from = today().minusDays(1);
        Map<String, Object> draft = Map.of("year", year, "quarter", 4, "statisticsDate", from.minusDays(1).toString(),
                "noticeFrom", from.toString(), "noticeTo", from.plusDays(20).toString(), "signatory", "王书记", "contact", "村委会");
        Number notice = as(secretary).body(draft).post("/api/villages/" + v.id + "/notices").then().statusCode(201).extract().path("id");
        as(secretary).post("/api/notices/" + notice + "/publish").then().statusCode(200);
        v.ids.put("noticeId", notice.toString());
        Number objection = io.restassured.RestAssured.given().contentType("application/json")
                .body(Map.of("text", "模糊测试异议", "contact", "13900001111")).post("/api/notices/" + notice + "/objections")
                .then().statusCode(201).extract().path("id");
        v.ids.put("objectionId", objection.toString());

        v.ids.put("deedReportId", String.valueOf(sqlId(
                "INSERT INTO deed_report (household_id, village_id, description) VALUES (?, ?, '模糊测试好事') RETURNING id",
                household, v.id)));
        return v;
    }

    private static long sqlId(String sql, Object... params) throws Exception {
        try (var c = TestDatabase.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * A plausible value for a path parameter of village {@code v}: its id of that kind, else a value that names
     * nothing in particular (a month, a year, a code), so that the call gets as far as it can.
     */
    public String pathValue(Village v, String name) {
        String id = v.ids.get(name);
        if (id != null) {
            return id;
        }
        return switch (name) {
            case "month" -> thisMonth();
            case "year" -> String.valueOf(today().getYear());
            case "code" -> itemCode;
            default -> "1";
        };
    }
}
