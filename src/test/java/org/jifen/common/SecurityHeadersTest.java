package org.jifen.common;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.jifen.support.Api;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class SecurityHeadersTest {

    @Test
    void everyPageForbidsInlineScriptsFramingAndSniffing() {
        for (String path : new String[]{"/login", "/portal/login", "/api/villages"}) {
            Response r = given().accept("text/html").redirects().follow(false).get(path);
            String csp = r.header("Content-Security-Policy");
            assertTrue(csp != null && csp.contains("frame-ancestors 'none'"), path + ": " + csp);
            String scripts = csp.replaceAll(".*script-src ([^;]*).*", "$1");
            assertFalse(scripts.contains("unsafe-inline") || scripts.contains("unsafe-eval"), path + ": " + scripts);
            assertTrue("nosniff".equals(r.header("X-Content-Type-Options")), path);
            assertTrue(r.header("Referrer-Policy") != null, path);
        }
    }

    @Test
    void cookiesAreSecureBehindAnHttpsIngressAndNotOverPlainHttp() {
        String overHttps = given().header("X-Forwarded-Proto", "https").contentType("application/x-www-form-urlencoded")
                .formParam("username", "admin").formParam("password", Api.ADMIN_PASSWORD).redirects().follow(false)
                .post("/login").then().statusCode(303).extract().header("Set-Cookie");
        assertTrue(overHttps.contains("jifen_staff=") && overHttps.contains("; Secure"), overHttps);
        given().contentType("application/x-www-form-urlencoded")
                .formParam("username", "admin").formParam("password", Api.ADMIN_PASSWORD).redirects().follow(false)
                .post("/login").then().statusCode(303)
                .header("Set-Cookie", containsString("HttpOnly"))
                .header("Set-Cookie", not(containsString("Secure")))
                .header("Strict-Transport-Security", is((String) null));
    }
}
