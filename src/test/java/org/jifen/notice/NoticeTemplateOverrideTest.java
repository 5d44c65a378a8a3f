package org.jifen.notice;

import io.quarkus.test.junit.QuarkusTest;
import org.jifen.support.Api;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.restassured.RestAssured.given;
import static org.jifen.notice.NoticeFixture.*;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code %test.jifen.notice.templates-dir=target/notice-templates-override} (application.properties). */
@QuarkusTest
class NoticeTemplateOverrideTest {

    @Test
    void shouldUseTheTownsTemplateFromTheConfiguredDirectoryWithoutRestartAndStillEscape() throws Exception {
        long v = Api.village();
        String secretary = secretary(v);
        household(secretary, v, "01", "<i>许一</i>");
        Published p = published(v, secretary, 2025, 1);
        Path dir = Path.of("target/notice-templates-override");
        Files.createDirectories(dir);
        Path board = dir.resolve("notice-board.html");
        Files.writeString(board, "<html><body><h1>本镇公示栏 {villageName}</h1>{#for item in items}<a href=\"/notices/{item.id}\">{item.title}</a>{/for}"
                + "<p>{notice:board}</p></body></html>");
        try {
            // the folder is looked at again within seconds (a file's absence is remembered that long too)
            String html = "";
            for (int i = 0; i < 50 && !html.contains("本镇公示栏"); i++) {
                Thread.sleep(200);
                html = given().get("/notices?village=" + v).then().statusCode(200).extract().asString();
            }
            assertTrue(html.contains("本镇公示栏 测试村"), html);
            assertTrue(html.contains("/notices/" + p.noticeId()) && html.contains("积分公示栏"), html);
        } finally {
            Files.delete(board);
        }
        // the packaged template comes back once the file is gone (looked at again within seconds)
        String html = "";
        for (int i = 0; i < 50 && !html.contains("class=\"card\""); i++) {
            Thread.sleep(200);
            html = given().get("/notices?village=" + v).then().statusCode(200).extract().asString();
        }
        assertFalse(html.contains("本镇公示栏"));

        Path page = dir.resolve("notice-page.html");
        Files.writeString(page, "<html><body>自定义页面{#for r in rows}<b>{r.name}</b>{/for}</body></html>");
        try {
            String custom = "";
            for (int i = 0; i < 50 && !custom.contains("自定义页面"); i++) {
                Thread.sleep(200);
                custom = given().get("/notices/" + p.noticeId()).then().statusCode(200).extract().asString();
            }
            assertTrue(custom.contains("自定义页面<b>&lt;i&gt;许一&lt;/i&gt;</b>"), custom);
        } finally {
            Files.delete(page);
        }
        html = "";
        for (int i = 0; i < 50 && !html.contains("notice-rows"); i++) {
            Thread.sleep(200);
            html = given().get("/notices/" + p.noticeId()).then().statusCode(200).extract().asString();
        }
        assertTrue(html.contains("notice-rows"));
    }
}
