package org.jifen.support;

import io.restassured.RestAssured;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Sends requests exactly as built (any method, raw body bytes, any content type, junk in the address) and checks
 * every answer: no 5xx, no stack trace or Java class name in an answer, an answer within the timeout, and, for a
 * refused request (4xx), no change of the ledger, stock, redemptions, entries, households or audit trail.
 */
public final class Sweep implements AutoCloseable {

    /** One request: who sends it ({@code caller}) and what kind of junk it carries ({@code kind}), for the report. */
    public record Call(String operation, String caller, String kind, String method, String uri, String contentType,
                       byte[] body, Map<String, String> headers) {

        @Override
        public String toString() {
            return caller + " " + method + " " + (uri.length() > 160 ? uri.substring(0, 160) + "…" : uri) + " [" + kind
                    + (contentType == null ? "" : ", " + contentType) + ", " + (body == null ? 0 : body.length) + " bytes]";
        }
    }

    /** An answer: status (0 when none came), content type, text (binary answers: empty) and the transport error. */
    public record Answer(int status, String contentType, String text, String error) {
    }

    /** A stack frame or a Java class name of an exception: never part of an answer. */
    private static final Pattern STACK_TRACE = Pattern.compile(
            "\\tat |\\bat [\\w$.]+\\([\\w$]+\\.java:\\d+\\)|\\b(java|javax|jakarta|org|io|com|net)\\.[\\w.$]+(Exception|Error)\\b"
                    + "|\\bCaused by:|\\b(NullPointer|IllegalState|ClassCast|ArrayIndexOutOfBounds|NumberFormat)Exception\\b");

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();
    private final String base = RestAssured.baseURI + ":" + RestAssured.port;
    private final Connection db;
    private final String villageFilter;
    private Map<String, String> state;

    public final List<String> failures = new ArrayList<>();
    public final Map<String, Integer> statuses = new TreeMap<>();
    public final Map<String, Integer> operations = new LinkedHashMap<>();
    public int requests;
    /** Requests whose connection the server closed before the whole (oversized) body was sent, without an answer. */
    public int closedEarly;
    /** Requests after which the watched data had changed (accepted writes): shows the watch sees writes at all. */
    public int changes;

    /** A sweep that watches the whole database ({@code villageId} null) or one village's data. */
    public Sweep(Long villageId) throws Exception {
        this(villageId == null ? "true" : "village_id = " + villageId);
    }

    private Sweep(String villageFilter) throws Exception {
        this.db = TestDatabase.connect();
        this.villageFilter = villageFilter;
        this.state = state();
    }

    /** A sweep that watches the data of every village of one town. */
    public static Sweep ofTown(long townId) throws Exception {
        return new Sweep("village_id IN (SELECT id FROM village WHERE town_id = " + townId + ")");
    }

    /** Sends the call, checks the answer and the data, and returns the answer. */
    public Answer send(Call call) {
        Answer answer = exchange(call);
        requests++;
        operations.merge(call.operation(), 1, Integer::sum);
        statuses.merge(answer.status() == 0 ? "none" : answer.status() / 100 + "xx", 1, Integer::sum);
        if (answer.status() == 0) {
            boolean oversized = call.body() != null && call.body().length >= Junk.OVERSIZED;
            if (oversized) {
                closedEarly++;
            } else {
                failures.add("no answer (" + answer.error() + "): " + call);
            }
        } else if (answer.status() >= 500) {
            failures.add(answer.status() + ": " + call + " → " + abbreviate(answer.text()));
        }
        if (answer.text() != null && STACK_TRACE.matcher(answer.text()).find()) {
            failures.add("stack trace or class name in the answer (" + answer.status() + "): " + call + " → "
                    + abbreviate(around(answer.text())));
        }
        Map<String, String> after = state();
        if (!after.equals(state) && (answer.status() >= 400 || answer.status() == 0)) {
            failures.add("refused with " + answer.status() + " but changed " + diff(state, after) + ": " + call);
        }
        if (!after.equals(state)) {
            changes++;
        }
        state = after;
        return answer;
    }

    private Answer exchange(Call call) {
        try {
            HttpRequest.BodyPublisher body = call.body() == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(call.body());
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + call.uri())).timeout(Duration.ofSeconds(20))
                    .method(call.method(), body);
            if (call.contentType() != null) {
                request.header("Content-Type", call.contentType());
            }
            call.headers().forEach(request::header);
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            String type = response.headers().firstValue("Content-Type").orElse("");
            boolean text = type.isEmpty() || type.startsWith("text/") || type.contains("json") || type.contains("xml")
                    || type.contains("javascript");
            return new Answer(response.statusCode(), type, text ? new String(response.body(), StandardCharsets.UTF_8) : "", null);
        } catch (java.io.IOException e) {
            return new Answer(0, "", null, e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * What a refused request must not change: postings (count and sum), balances, stock, redemptions and their
     * reversals, entries and their decisions, households, goods, notices, objections, and the audit trail.
     */
    public Map<String, String> state() {
        String f = villageFilter;
        String sql = "SELECT "
                + "(SELECT count(*) || '/' || coalesce(sum(points), 0) FROM posting WHERE " + f + ") AS postings, "
                + "(SELECT count(*) || '/' || coalesce(sum(available), 0) FROM account WHERE " + f + ") AS balances, "
                + "(SELECT count(*) || '/' || coalesce(sum(remaining), 0) || '/' || coalesce(sum(quantity), 0) FROM batch WHERE " + f + ") AS stock, "
                + "(SELECT count(*) || '/' || count(reversed_at) FROM redemption WHERE " + f + ") AS redemptions, "
                + "(SELECT count(*) || '/' || count(*) FILTER (WHERE status <> 'PENDING') FROM entry WHERE " + f + ") AS entries, "
                + "(SELECT count(*) FROM household WHERE " + f + ") AS households, "
                + "(SELECT count(*) || '/' || coalesce(sum(points_price), 0) FROM goods WHERE " + f + ") AS goods, "
                + "(SELECT count(*) || '/' || count(published_at) || '/' || count(stamped_at) FROM notice WHERE " + f + ") AS notices, "
                + "(SELECT count(*) || '/' || count(answered_at) FROM objection o WHERE o.notice_id IN (SELECT id FROM notice WHERE " + f + ")) AS objections, "
                + "(SELECT count(*) FROM audit_log WHERE " + f + ") AS audit";
        try (var st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            Map<String, String> m = new LinkedHashMap<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                m.put(rs.getMetaData().getColumnLabel(i), rs.getString(i));
            }
            return m;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String diff(Map<String, String> before, Map<String, String> after) {
        StringBuilder s = new StringBuilder();
        before.forEach((k, v) -> {
            if (!v.equals(after.get(k))) {
                s.append(k).append(' ').append(v).append("→").append(after.get(k)).append("; ");
            }
        });
        return s.toString();
    }

    private static String around(String text) {
        var m = STACK_TRACE.matcher(text);
        if (!m.find()) {
            return text;
        }
        return text.substring(Math.max(0, m.start() - 200), Math.min(text.length(), m.end() + 200));
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return "";
        }
        String t = text.replaceAll("\\s+", " ");
        return t.length() > 400 ? t.substring(0, 400) + "…" : t;
    }

    /** One line: operations, requests, statuses by class, failures. */
    public String summary(String name, long millis) {
        return String.format("%s: %d operations, %d requests, statuses %s, %d accepted writes seen, %d closed early on an oversized body, %d failures, %.1f s",
                name, operations.size(), requests, statuses, changes, closedEarly, failures.size(), millis / 1000.0);
    }

    @Override
    public void close() throws Exception {
        db.close();
    }
}
