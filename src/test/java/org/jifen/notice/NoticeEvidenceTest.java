package org.jifen.notice;

import io.quarkus.test.junit.QuarkusTest;
import org.jifen.support.Api;
import org.jifen.support.TestMonths;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.hamcrest.Matchers.*;
import static org.jifen.notice.NoticeFixture.*;
import static org.jifen.support.Api.as;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

@QuarkusTest
class NoticeEvidenceTest {

    static final byte[] PNG = java.util.Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    @Test
    void shouldShowNoticeIncompleteUntilStampedAndPhotographed() throws Exception {
        long v = Api.village();
        String secretary = secretary(v);
        household(secretary, v, "01", "杨一");
        TestMonths.closeQuarter(v, 2025, 1);
        long id = draft(secretary, v, 2025, 1, today(), today().plusDays(5));
        as(secretary).post("/api/notices/" + id + "/stamp").then().statusCode(409).body("code", is("notice.not-published"));
        as(secretary).contentType("image/png").body(PNG).post("/api/notices/" + id + "/evidence").then().statusCode(409);
        publish(secretary, id);
        as(secretary).get("/api/villages/" + v + "/notices").then().statusCode(200)
                .body("[0].complete", is(false)).body("[0].missing", contains("stamp", "photo"));

        as(secretary).contentType("image/png").body("not an image".getBytes()).post("/api/notices/" + id + "/evidence")
                .then().statusCode(415).body("code", is("notice.not-an-image"));
        Number photo = as(secretary).contentType("image/png").body(PNG).queryParam("note", "村口公示栏")
                .post("/api/notices/" + id + "/evidence").then().statusCode(201)
                .body("sha256", is(NoticeRules.sha256(PNG))).body("size", is(PNG.length)).extract().path("id");
        as(secretary).get("/api/notices/" + id).then().body("complete", is(false)).body("missing", contains("stamp"))
                .body("photos", hasSize(1));
        byte[] back = as(secretary).get("/api/notices/" + id + "/evidence/" + photo).then().statusCode(200)
                .contentType("image/png").extract().asByteArray();
        assertArrayEquals(PNG, back);

        as(Api.staff("OFFICER", v)).body(Map.of()).post("/api/notices/" + id + "/stamp").then().statusCode(403);
        as(secretary).body(Map.of("stampedOn", today().toString())).post("/api/notices/" + id + "/stamp").then().statusCode(200)
                .body("stamped", is(true)).body("complete", is(true)).body("missing", empty());
        as(secretary).body(Map.of()).post("/api/notices/" + id + "/stamp").then().statusCode(409)
                .body("code", is("notice.already-stamped"));
        as(secretary).get("/api/villages/" + v + "/notices").then().body("[0].complete", is(true));
    }

    @Test
    void shouldTakePhotoAsMultipartUpload() throws Exception {
        long v = Api.village();
        String secretary = secretary(v);
        household(secretary, v, "01", "朱一");
        Published p = published(v, secretary, 2025, 4);
        io.restassured.RestAssured.given().header("Authorization", "Bearer " + secretary)
                .multiPart("file", "posted.png", PNG, "image/png")
                .multiPart(new io.restassured.builder.MultiPartSpecBuilder("张贴于村委会门口").controlName("note")
                        .mimeType("text/plain").charset("UTF-8").build())
                .post("/api/notices/" + p.noticeId() + "/evidence").then().statusCode(201)
                .body("contentType", is("image/png")).body("note", is("张贴于村委会门口"));
        as(Api.staff("SECRETARY", Api.village())).contentType("image/png").body(PNG)
                .post("/api/notices/" + p.noticeId() + "/evidence").then().statusCode(403);
    }
}
