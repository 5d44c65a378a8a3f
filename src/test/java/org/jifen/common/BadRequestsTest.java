package org.jifen.common;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.jifen.support.Api;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Malformed, truncated and oversized requests are a 4xx with one log line, never a 500 or a stack trace. */
@QuarkusTest
class BadRequestsTest {

    @TestHTTPResource("/")
    URL base;

    private final List<LogRecord> logged = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public synchronized void publish(LogRecord r) {
            if (r.getLevel().intValue() >= Level.INFO.intValue()) {
                synchronized (logged) {
                    logged.add(r);
                }
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void listen() {
        Logger.getLogger("").addHandler(capture);
    }

    @AfterEach
    void stop() {
        Logger.getLogger("").removeHandler(capture);
    }

    @Test
    void aSixMegabyteFormIsOne413AndOneLogLine() throws Exception {
        byte[] body = ("username=admin&password=" + "a".repeat(6_000_000)).getBytes(StandardCharsets.US_ASCII);
        assertEquals(413, status(raw("POST", "/login", "application/x-www-form-urlencoded", body, true)));
        assertEquals(413, status(raw("POST", "/login", "application/x-www-form-urlencoded", body, false)));
        Thread.sleep(300);
        assertEquals(2, lines(), "one log line per refused request: " + messages());
        assertTrue(logged.stream().noneMatch(r -> r.getThrown() != null), "no stack trace: " + messages());
    }

    @Test
    void aLongButReasonableFieldIsReadNotRefused() {
        given().contentType("application/x-www-form-urlencoded").accept("text/html").redirects().follow(false)
                .formParam("username", "admin").formParam("password", "p".repeat(30_000))
                .post("/login").then().statusCode(org.hamcrest.Matchers.allOf(
                        org.hamcrest.Matchers.greaterThanOrEqualTo(200), org.hamcrest.Matchers.lessThan(500)))
                .statusCode(org.hamcrest.Matchers.not(413));
    }

    @Test
    void aBadPercentEncodingIsA400() throws Exception {
        byte[] body = "username=%zz&password=x".getBytes(StandardCharsets.US_ASCII);
        String answer = raw("POST", "/login", "application/x-www-form-urlencoded", body, false);
        assertEquals(400, status(answer));
        assertTrue(answer.contains("request.malformed"), answer);
        Thread.sleep(200);
        assertEquals(1, lines(), messages());
    }

    @Test
    void anEmptyOrTruncatedUploadIsA400() throws Exception {
        String type = "multipart/form-data; boundary=XX";
        assertEquals(400, status(raw("POST", "/portal/login", type, new byte[0], false)));
        byte[] truncated = "--XX\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"a.png\"\r\n\r\nabc"
                .getBytes(StandardCharsets.US_ASCII);
        assertEquals(400, status(raw("POST", "/portal/login", type, truncated, false)));
        int report = status(raw("POST", "/portal/report", type, truncated, false));
        assertTrue(report >= 400 && report < 500, "anonymous truncated report: " + report);
        assertTrue(logged.stream().noneMatch(r -> r.getThrown() != null), "no stack trace: " + messages());
    }

    @Test
    void aNulByteInTheAddressIsA400() {
        given().urlEncodingEnabled(false).header("Authorization", "Bearer " + Api.admin())
                .get("/api/villages/1/catalog/ab%00c").then().statusCode(400).body("code", is("request.malformed"));
    }

    private long lines() {
        synchronized (logged) {
            return logged.stream().filter(r -> !r.getLoggerName().startsWith("io.quarkus.test")).count();
        }
    }

    private String messages() {
        synchronized (logged) {
            return logged.stream().map(r -> r.getLoggerName() + ": " + r.getMessage()).toList().toString();
        }
    }

    private static int status(String answer) {
        return Integer.parseInt(answer.split(" ", 3)[1]);
    }

    /** A request written by hand: chunked or with a length, possibly truncated; the status line and head of the answer. */
    private String raw(String method, String path, String type, byte[] body, boolean chunked) throws Exception {
        try (Socket s = new Socket(base.getHost(), base.getPort())) {
            s.setSoTimeout(20_000);
            OutputStream out = s.getOutputStream();
            String head = method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + type
                    + "\r\nAccept: " + (path.startsWith("/api") ? "application/json" : "text/html") + "\r\n" + (chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + body.length + "\r\n") + "\r\n";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            try {
                if (chunked) {
                    for (int i = 0; i < body.length; i += 8192) {
                        int n = Math.min(8192, body.length - i);
                        out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.write(body, i, n);
                        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                } else {
                    out.write(body);
                }
                out.flush();
            } catch (java.io.IOException refusedEarly) {
                // the server may answer and close before the whole body is sent: read its answer
            }
            InputStream in = s.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buf = new byte[4096];
            int n;
            while (answer.size() < 2048 && (n = in.read(buf)) > 0) {
                answer.write(buf, 0, n);
                if (answer.toString(StandardCharsets.UTF_8).contains("\r\n\r\n{") || answer.toString(StandardCharsets.UTF_8).contains("</html>")) {
                    break;
                }
            }
            return answer.toString(StandardCharsets.UTF_8);
        }
    }
}
