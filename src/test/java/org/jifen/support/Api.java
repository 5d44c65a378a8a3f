package org.jifen.support;

import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;

/** Small helpers that drive the HTTP API the way a client does. Each call builds fresh data. */
public final class Api {

    public static final String ADMIN_PASSWORD = "admin-test-pw";
    private static final AtomicInteger SEQ = new AtomicInteger();
    private static volatile String adminToken;

    private Api() {
    }

    /** A name unique within this test run. */
    public static String unique(String prefix) {
        return prefix + System.nanoTime() % 1_000_000 + "-" + SEQ.incrementAndGet();
    }

    public static String login(String username, String password) {
        return given().contentType(ContentType.JSON).body(Map.of("username", username, "password", password))
                .post("/api/login").then().statusCode(200).extract().path("token");
    }

    public static String admin() {
        if (adminToken == null) {
            adminToken = login("admin", ADMIN_PASSWORD);
        }
        return adminToken;
    }

    public static RequestSpecification as(String token) {
        return given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON);
    }

    /** A staff page request (HTML, redirects not followed, forms sent in UTF-8 as the pages' browsers do). */
    public static RequestSpecification page(String token) {
        return utf8Forms(given().header("Authorization", "Bearer " + token));
    }

    /** The same, signed in the way a browser is: the staff cookie. */
    public static RequestSpecification browser(String token) {
        return utf8Forms(given().cookie("jifen_staff", token));
    }

    private static RequestSpecification utf8Forms(RequestSpecification request) {
        return request.accept("text/html").redirects().follow(false)
                .config(RestAssured.config().encoderConfig(EncoderConfig.encoderConfig().defaultContentCharset(StandardCharsets.UTF_8)));
    }

    /** Creates a village and returns its id. */
    public static long village() {
        return village(admin());
    }

    /** Creates a village in the town of {@code townAdmin} (a TOWN_ADMIN's token) and returns its id. */
    public static long village(String townAdmin) {
        String code = unique("v").replaceAll("[^A-Za-z0-9_-]", "");
        Number id = as(townAdmin).body(Map.of("code", code, "name", "测试村" + code)).post("/api/villages")
                .then().statusCode(201).extract().path("id");
        return id.longValue();
    }

    /** Creates a staff member of {@code role} (village scope when {@code villageId} is not null) and logs in. */
    public static String staff(String role, Long villageId) {
        String username = unique(role.toLowerCase()).replaceAll("[^A-Za-z0-9_.@-]", "");
        var body = new java.util.HashMap<String, Object>(Map.of("username", username, "password", "pw-" + username,
                "displayName", "测试" + role, "role", role));
        body.put("villageId", villageId);
        as(admin()).body(body).post("/api/staff").then().statusCode(201);
        return login(username, "pw-" + username);
    }

    /** Creates a household in {@code villageId} as {@code token} (an OFFICER, SECRETARY or TOWN_ADMIN) and returns its id. */
    public static long household(String token, long villageId) {
        String number = unique("H").replaceAll("[^A-Za-z0-9-]", "");
        Number id = as(token).body(Map.of("number", number, "headName", "张三" + number.substring(number.length() - 2),
                        "phone", "13800138000", "group", "一组"))
                .post("/api/villages/" + villageId + "/households").then().statusCode(201).extract().path("id");
        return id.longValue();
    }
}
