package org.jifen.notice;

import io.quarkus.test.junit.QuarkusTest;
import org.jifen.support.Api;
import org.jifen.support.TestMonths;
import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.jifen.support.Api.as;
import static org.jifen.support.Api.page;

/** The staff pages walk a quarter's notice from draft to a complete ledger entry (published, stamped, photographed). */
@QuarkusTest
class NoticeStaffPagesTest {

    private static final byte[] PNG = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    @Test
    void shouldDraftPublishStampPhotographAndAnswerFromThePages() throws Exception {
        long v = Api.village();
        String officer = Api.staff("OFFICER", v);
        String secretary = Api.staff("SECRETARY", v);
        NoticeFixture.household(officer, v, "P01", "<script>x</script>王五");
        TestMonths.closeQuarter(v, 2025, 2);
        var today = NoticeFixture.today();

        page(officer).get("/villages/" + v + "/notices").then().statusCode(200).body(containsString("起草公示"));
        String location = page(officer).formParam("year", "2025").formParam("quarter", "2")
                .formParam("statisticsDate", today.minusDays(1).toString()).formParam("noticeFrom", today.toString())
                .formParam("noticeTo", today.plusDays(7).toString()).formParam("signatory", "李书记").formParam("contact", "13800000000")
                .post("/villages/" + v + "/notices").then().statusCode(303).extract().header("Location");
        String id = location.substring(location.lastIndexOf('/') + 1);
        page(officer).get("/staff/notices/" + id).then().statusCode(200)
                .body(containsString("&lt;script&gt;x&lt;/script&gt;王五")).body(not(containsString("<script>x")))
                .body(containsString("发布公示"));

        page(officer).post("/staff/notices/" + id + "/publish").then().statusCode(403);
        page(secretary).post("/staff/notices/" + id + "/publish").then().statusCode(303);
        page(secretary).get("/staff/notices/" + id).then().statusCode(200).body(containsString("已发布"))
                .body(containsString("未登记")).body(containsString("未上传"));

        page(secretary).formParam("stampedOn", today.toString()).post("/staff/notices/" + id + "/stamp").then().statusCode(303);
        page(officer).multiPart("file", "posted.png", PNG, "image/png").post("/staff/notices/" + id + "/evidence").then().statusCode(303);
        as(officer).get("/api/notices/" + id).then().statusCode(200).body("complete", is(true));

        Number objection = given().contentType("application/json").body(Map.of("text", "我家分数少算了", "contact", "139xxxx"))
                .post("/api/notices/" + id + "/objections").then().statusCode(201).extract().path("id");
        page(secretary).get("/staff/notices/" + id).then().body(containsString("我家分数少算了")).body(containsString("提交答复"));
        page(secretary).formParam("answer", "经核实无误").post("/staff/objections/" + objection + "/answer").then().statusCode(303);
        page(secretary).get("/staff/notices/" + id).then().body(containsString("经核实无误")).body(not(containsString("提交答复")));

        String stranger = Api.staff("SECRETARY", Api.village());
        page(stranger).get("/staff/notices/" + id).then().statusCode(403);
    }
}
