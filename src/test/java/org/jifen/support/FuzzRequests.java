package org.jifen.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.jifen.support.OpenApiOperations.Operation;
import org.jifen.support.OpenApiOperations.Param;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Builds requests for an operation of the OpenAPI document: path, query and body (plausible for a village, or junk
 * of a named kind), and the caller's credentials. Callers: {@code anonymous}, a staff role of village A
 * ({@code CLERK}, {@code OFFICER}, {@code SECRETARY}, {@code REVIEWER}), {@code TOWN_ADMIN}, {@code villager}
 * (a household of village A on the portal), and {@code forged-bearer}, {@code forged-staff-cookie},
 * {@code forged-portal-cookie}.
 */
public final class FuzzRequests {

    public static final List<String> JSON_KINDS = List.of("plausible", "empty", "null", "array", "scalar", "malformed", "missing",
            "wrong-types", "extra", "huge-numbers", "huge-strings", "nul", "deep", "bad-utf8");
    public static final List<String> FORM_KINDS = List.of("plausible", "empty", "missing", "wrong-types", "huge-numbers", "huge-strings",
            "long-field", "extra", "duplicates", "bad-utf8", "nul", "bad-percent");
    public static final List<String> MULTIPART_KINDS = List.of("plausible", "empty", "truncated", "no-boundary", "wrong-boundary");
    public static final List<String> BINARY_KINDS = List.of("plausible", "empty", "text", "text-nul", "spreadsheet");
    /** Bodies in a content type the operation does not take, or with a wrong charset. */
    public static final List<String> OTHER_TYPES = List.of("wrong-type:form", "wrong-type:json", "wrong-type:text/plain",
            "wrong-type:none", "wrong-type:latin1-json", "wrong-type:xml");

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final FuzzWorld world;
    private final Junk junk;
    private int queryJunk;
    private int forwarded;

    public FuzzRequests(FuzzWorld world, Junk junk) {
        this.world = world;
        this.junk = junk;
    }

    public Map<String, String> pathValues(Operation op, FuzzWorld.Village v) {
        Map<String, String> values = new LinkedHashMap<>();
        op.pathParams().forEach(p -> values.put(p.name(), world.pathValue(v, p.name())));
        return values;
    }

    public String plausibleQuery(Operation op, FuzzWorld.Village v) {
        return op.queryParams().stream().filter(p -> p.required() || junk.random().nextBoolean())
                .map(p -> p.name() + "=" + java.net.URLEncoder.encode(junk.plausibleText(p.name(), v), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    public String junkQuery(Operation op) {
        List<String> parts = new ArrayList<>();
        for (Param p : op.queryParams()) {
            parts.add(p.name() + "=" + Junk.QUERY_VALUES.get(queryJunk++ % Junk.QUERY_VALUES.size()));
        }
        parts.add("zzz=%00");
        parts.add(op.queryParams().isEmpty() ? "page=-1" : op.queryParams().get(0).name() + "=2");
        return String.join("&", parts);
    }

    /** The content families an operation accepts: json, form, multipart, and one for raw bytes (images, CSV...). */
    public static List<String> families(Operation op) {
        List<String> families = new ArrayList<>();
        for (String type : op.bodies().keySet()) {
            String family = type.equals("application/json") ? "json" : type.equals("application/x-www-form-urlencoded") ? "form"
                    : type.startsWith("multipart/") ? "multipart" : "binary";
            if (!families.contains(family)) {
                families.add(family);
            }
        }
        return families;
    }

    /** A body: content type and bytes ({@link #NONE}: no body). */
    public record Body(String contentType, byte[] bytes) {
        public static final Body NONE = new Body(null, null);
    }

    public Body body(Operation op, String kind, FuzzWorld.Village v) {
        List<String> families = families(op);
        return families.isEmpty() ? Body.NONE : bodyOf(op, families.get(0), kind, v);
    }

    public Body bodyOf(Operation op, String family, String kind, FuzzWorld.Village v) {
        switch (family) {
            case "json" -> {
                JsonNode schema = op.bodies().get("application/json");
                JsonNode plausible = junk.plausible(schema, null, v);
                String type = "application/json";
                return new Body(type, switch (kind) {
                    case "plausible" -> Junk.json(plausible);
                    case "empty" -> new byte[0];
                    case "null" -> bytes("null");
                    case "array" -> bytes("[]");
                    case "scalar" -> bytes(junk.pick(List.of("\"x\"", "12", "true", "-1e999")));
                    case "malformed" -> bytes(junk.pick(List.of("{\"a\":", "{'a':1}", "{\"a\" 1}", "{\"a\":1}}", "\uFEFF{}", "{\"a\":01}")));
                    case "missing" -> Junk.json(junk.missingFields(plausible));
                    case "wrong-types" -> Junk.json(junk.wrongTypes(plausible));
                    case "extra" -> Junk.json(junk.extraFields(plausible));
                    case "huge-numbers" -> Junk.json(junk.hugeNumbers(plausible));
                    case "huge-strings" -> Junk.json(junk.hugeStrings(plausible));
                    case "nul" -> Junk.json(junk.nulStrings(plausible));
                    case "deep" -> Junk.deepNesting(junk.pick(List.of(2_000, 20_000)));
                    case "bad-utf8" -> Junk.badUtf8Json(plausible);
                    case "oversized" -> Junk.oversizedJson(plausible);
                    default -> throw new IllegalArgumentException(kind);
                });
            }
            case "form" -> {
                Map<String, String> plausible = junk.plausibleForm(op.bodies().get("application/x-www-form-urlencoded"), v);
                String type = "application/x-www-form-urlencoded";
                return new Body(type, switch (kind) {
                    case "plausible" -> Junk.encode(plausible);
                    case "empty" -> new byte[0];
                    default -> junk.junkForm(kind, plausible);
                });
            }
            case "multipart" -> {
                String type = op.contentType("multipart");
                JsonNode schema = op.bodies().get(type);
                String withBoundary = "multipart/form-data; boundary=" + Junk.BOUNDARY;
                return switch (kind) {
                    case "plausible" -> new Body(withBoundary, junk.multipart(schema, v, false));
                    case "empty" -> new Body(withBoundary, new byte[0]);
                    case "truncated" -> new Body(withBoundary, junk.multipart(schema, v, true));
                    case "no-boundary" -> new Body("multipart/form-data", junk.multipart(schema, v, false));
                    case "wrong-boundary" -> new Body("multipart/form-data; boundary=other", junk.multipart(schema, v, false));
                    default -> throw new IllegalArgumentException(kind);
                };
            }
            default -> {
                String type = op.bodies().keySet().stream().filter(t -> !t.equals("application/json")
                        && !t.equals("application/x-www-form-urlencoded") && !t.startsWith("multipart/")).findFirst().orElseThrow();
                String concrete = type.contains("*") ? "image/png" : type;
                return switch (kind) {
                    case "plausible" -> new Body(concrete, junk.junkBytes(256));
                    case "empty" -> new Body(concrete, new byte[0]);
                    case "text" -> new Body(type.contains("*") ? "text/csv" : concrete,
                            bytes("户号,户主姓名,联系电话,村民小组\n\"unclosed,x\n,,,\n" + "a".repeat(5000) + ",1\n"));
                    case "text-nul" -> new Body(type.contains("*") ? "text/csv" : concrete,
                            bytes("户号,户主姓名,联系电话,村民小组\nH1,张%00,\u0000,1\n,,,\n"));
                    case "spreadsheet" -> new Body(type.contains("*") ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                            : concrete, junk.junkBytes(2048));
                    default -> throw new IllegalArgumentException(kind);
                };
            }
        }
    }

    /** A body in a content type the operation does not take, or in the right one with a wrong charset. */
    public Body otherType(Operation op, String kind, FuzzWorld.Village v) {
        Body plausible = body(op, "plausible", v);
        return switch (kind) {
            case "wrong-type:form" -> new Body("application/x-www-form-urlencoded", bytes("a=1&b=%C3%28&c="));
            case "wrong-type:json" -> new Body("application/json", Junk.json(JSON.objectNode().put("a", 1).put("b", "x")));
            case "wrong-type:text/plain" -> new Body("text/plain", plausible.bytes());
            case "wrong-type:none" -> new Body(null, plausible.bytes());
            case "wrong-type:latin1-json" -> new Body("application/json; charset=ISO-8859-1", plausible.bytes());
            case "wrong-type:xml" -> new Body("application/xml", bytes("<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><a>&x;</a>"));
            default -> throw new IllegalArgumentException(kind);
        };
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    public Sweep.Call call(Operation op, String caller, String kind, Map<String, String> path, String query, Body body) {
        String uri = op.expand(path) + (query.isEmpty() ? "" : "?" + query);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", op.api() ? op.accept() : junk.pick(List.of("text/html,application/xhtml+xml", "text/html", "*/*")));
        // failed logins and objections count per address: the sweep's come from addresses of a documentation network
        headers.put("X-Forwarded-For", "198.51.100." + (forwarded++ % 250 + 1));
        boolean endsSession = op.path().endsWith("/logout");
        switch (caller) {
            case "anonymous" -> {
            }
            case "villager" -> headers.put("Authorization", "Bearer " + (endsSession ? world.a.villagerSession() : world.a.villagerToken));
            case "TOWN_ADMIN" -> headers.put("Authorization", "Bearer " + (endsSession ? Api.login("admin", Api.ADMIN_PASSWORD) : Api.admin()));
            case "forged-bearer" -> headers.put("Authorization", "Bearer " + junk.forgedToken());
            case "forged-staff-cookie" -> headers.put("Cookie", "jifen_staff=" + junk.forgedToken() + "%00; jifen_elder=1");
            case "forged-portal-cookie" -> headers.put("Cookie", "jifen_portal=" + junk.forgedToken() + "\"x");
            default -> headers.put("Authorization", "Bearer " + (endsSession ? world.a.staffSession(caller) : world.a.token(caller)));
        }
        if (kind.equals("junk-query")) {
            for (Param p : op.params()) {
                if (p.in().equals("header")) {
                    headers.put(p.name(), junk.pick(List.of("\"%00\"", "W/\"" + "x".repeat(3000) + "\"", "http://evil.example/%00", "*")));
                } else if (p.in().equals("cookie")) {
                    headers.merge("Cookie", p.name() + "=" + junk.pick(List.of("%00", "abc", "-1", "{}")), (x, y) -> x + "; " + y);
                }
            }
        }
        return new Sweep.Call(op.toString(), caller, kind, op.method(), uri, body.contentType(), body.bytes(), headers);
    }
}
