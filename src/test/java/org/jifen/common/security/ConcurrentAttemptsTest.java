package org.jifen.common.security;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.jifen.support.Api;
import org.jifen.support.Parallel;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The brake on guessing holds when the guesses come all at once (JifenConfig: 5 failures per username). */
@QuarkusTest
class ConcurrentAttemptsTest {

    @Test
    void fiftyParallelWrongPasswordsLetNoMoreThanTheLimitThrough() throws Exception {
        long v = Api.village();
        String username = Api.unique("guess");
        given().header("Authorization", "Bearer " + Api.admin()).contentType(ContentType.JSON)
                .body(Map.of("username", username, "displayName", "猜测", "password", "right-password-1", "role", "OFFICER",
                        "villageId", v))
                .post("/api/staff").then().statusCode(201);
        String address = "198.51.100." + (1 + (int) (System.nanoTime() % 200));
        List<Integer> statuses = Parallel.run(50, () -> given().header("X-Forwarded-For", address).contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", "wrong-" + System.nanoTime())).post("/api/login").statusCode());
        long checked = statuses.stream().filter(s -> s == 401).count();
        long refused = statuses.stream().filter(s -> s == 429).count();
        assertEquals(50, checked + refused, "only 401 or 429: " + statuses);
        assertTrue(checked <= 5, "at most 5 passwords checked, was " + checked);
        assertTrue(checked >= 1, "the first ones are checked");
        // the limit is reached: even the right password waits out the window
        given().header("X-Forwarded-For", address).contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", "right-password-1")).post("/api/login").then().statusCode(429);
    }

    @Test
    void aSuccessfulLoginDoesNotCountAsAFailure() {
        long v = Api.village();
        String username = Api.unique("ok");
        given().header("Authorization", "Bearer " + Api.admin()).contentType(ContentType.JSON)
                .body(Map.of("username", username, "displayName", "成功", "password", "right-password-2", "role", "OFFICER",
                        "villageId", v))
                .post("/api/staff").then().statusCode(201);
        for (int i = 0; i < 8; i++) {
            given().contentType(ContentType.JSON).body(Map.of("username", username, "password", "right-password-2"))
                    .post("/api/login").then().statusCode(200);
        }
    }
}
