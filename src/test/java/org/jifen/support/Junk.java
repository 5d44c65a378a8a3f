package org.jifen.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Plausible and junk values for requests built from an OpenAPI schema. Deterministic: every choice comes from the
 * seeded {@link Random}, so a failing sweep is reproduced by running it again.
 */
public final class Junk {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Raw bytes that are not UTF-8: a lead byte followed by '(' instead of a continuation byte. */
    public static final byte[] BAD_UTF8 = {(byte) 0xC3, (byte) 0x28};
    /** Six megabytes: more than any form (256 KB) and far more than any JSON body of the app needs. */
    public static final int OVERSIZED = 6 * 1024 * 1024;

    /** Path ids that name nothing or cannot be parsed (already URL-encoded). */
    public static final List<String> PATH_IDS = List.of("0", "-1", "9223372036854775808", "99999999999999999999999",
            "abc", "1.5", "%00", "1%00", "%C3%28", "%27%22%3Cb%3E", "%E4%B8%AD%E6%96%87", "1e9", "NaN", "null", "%20",
            "x".repeat(1500), "..%2F..%2Fetc", "2026-13", "-9223372036854775809", "%FF%FE");
    /** Query values that are of the wrong type, out of range or malformed (already URL-encoded). */
    public static final List<String> QUERY_VALUES = List.of("", "abc", "-1", "0", "99999999999999999999", "1.5", "%00",
            "a%00b", "%C3%28", "2026-13", "9999-99-99", "2026-02-30", "true", "%5B%5D", "%7B%7D", "y".repeat(5000),
            "%27%20OR%201%3D1--", "NaN", "-2147483649", "%E4%B8%AD", "%FF");

    private final Random random;
    private final FuzzWorld world;
    private int seq;

    public Junk(long seed, FuzzWorld world) {
        this.random = new Random(seed);
        this.world = world;
    }

    public Random random() {
        return random;
    }

    public <T> T pick(List<T> list) {
        return list.get(random.nextInt(list.size()));
    }

    // ---- plausible values -----------------------------------------------------------------------------------

    /** A value that fits the schema and names real data of {@code v} where the field's name says what it is. */
    public JsonNode plausible(JsonNode schema, String field, FuzzWorld.Village v) {
        String type = schema.path("type").asText("");
        if (schema.has("enum") && schema.get("enum").size() > 0) {
            return schema.get("enum").get(0);
        }
        if (type.equals("object") || schema.has("properties")) {
            ObjectNode o = JSON.objectNode();
            schema.path("properties").fields().forEachRemaining(f -> o.set(f.getKey(), plausible(f.getValue(), f.getKey(), v)));
            return o;
        }
        if (type.equals("array")) {
            ArrayNode a = JSON.arrayNode();
            a.add(plausible(schema.path("items"), singular(field), v));
            return a;
        }
        String text = plausibleText(field, v);
        if (type.equals("integer") || type.equals("number")) {
            if (text.matches("-?[0-9]+")) {
                return JSON.numberNode(Long.parseLong(text));
            }
            long min = schema.has("minimum") ? schema.get("minimum").asLong() : 1;
            return JSON.numberNode(Math.max(1, min));
        }
        if (type.equals("boolean")) {
            return JSON.booleanNode(true);
        }
        if ("date".equals(schema.path("format").asText())) {
            return JSON.textNode(FuzzWorld.today().toString());
        }
        if ("date-time".equals(schema.path("format").asText())) {
            return JSON.textNode(OffsetDateTime.now(FuzzWorld.CHINA).toString());
        }
        if (schema.has("pattern") && schema.get("pattern").asText().equals("APPROVE|REJECT")) {
            return JSON.textNode("APPROVE");
        }
        return JSON.textNode(text);
    }

    /** A form field's plausible text (form schemas say "string" for everything: the name tells the rest). */
    public String plausibleText(String field, FuzzWorld.Village v) {
        String f = field == null ? "" : field;
        String id = v.ids.get(f);
        if (id != null) {
            return id;
        }
        String lower = f.toLowerCase();
        return switch (f) {
            case "toVillageId" -> String.valueOf(world.b.id);
            case "month" -> FuzzWorld.thisMonth();
            case "year" -> String.valueOf(FuzzWorld.today().getYear());
            case "quarter" -> "4";
            case "phone" -> "13800138000";
            case "phoneLast4" -> "8000";
            case "qrText", "card" -> v.qrText;
            case "idempotencyKey" -> UUID.randomUUID().toString();
            case "itemCode" -> world.itemCode;
            case "decision" -> "APPROVE";
            case "role" -> "CLERK";
            case "username" -> "fz" + (++seq) + Math.abs(random.nextInt(100000));
            case "password" -> "password-" + seq;
            case "upheld", "photoRequired", "dryRun", "all" -> "true";
            case "status" -> "PENDING";
            case "format" -> "csv";
            case "period" -> "year";
            default -> lower.endsWith("id") ? "1"
                    : lower.endsWith("on") || lower.contains("date") || lower.equals("day") || lower.endsWith("from")
                    || lower.endsWith("to") ? FuzzWorld.today().toString()
                    : lower.contains("points") || lower.contains("quantity") || lower.contains("price") || lower.contains("cents")
                    || lower.contains("cap") || lower.equals("size") || lower.equals("rows") || lower.equals("page") || lower.equals("days") ? "5"
                    : "测试" + (++seq);
        };
    }

    private static String singular(String field) {
        return field != null && field.endsWith("s") ? field.substring(0, field.length() - 1) : field;
    }

    // ---- junk values ----------------------------------------------------------------------------------------

    /** Replaces each leaf of a plausible JSON value by a value of another type (a number for a text and so on). */
    public JsonNode wrongTypes(JsonNode plausible) {
        if (plausible.isObject()) {
            ObjectNode o = JSON.objectNode();
            plausible.fields().forEachRemaining(f -> o.set(f.getKey(), wrongTypes(f.getValue())));
            return o;
        }
        if (plausible.isArray()) {
            return random.nextBoolean() ? JSON.objectNode().put("0", "x") : JSON.textNode("[]");
        }
        if (plausible.isNumber()) {
            return pick(List.of(JSON.textNode("abc"), JSON.booleanNode(true), JSON.arrayNode().add(1), JSON.textNode("1,5")));
        }
        if (plausible.isBoolean()) {
            return pick(List.of(JSON.textNode("yes"), JSON.numberNode(2), JSON.objectNode()));
        }
        return pick(List.of(JSON.numberNode(123), JSON.objectNode().put("a", 1), JSON.arrayNode().add("x"), JSON.booleanNode(false)));
    }

    /** The same object with some of its fields, required or not, left out (all of them half of the time). */
    public JsonNode missingFields(JsonNode plausible) {
        if (!plausible.isObject()) {
            return JSON.objectNode();
        }
        ObjectNode o = JSON.objectNode();
        boolean all = random.nextBoolean();
        plausible.fields().forEachRemaining(f -> {
            if (!all && random.nextBoolean()) {
                o.set(f.getKey(), f.getValue());
            }
        });
        return o;
    }

    public JsonNode extraFields(JsonNode plausible) {
        ObjectNode o = plausible.isObject() ? ((ObjectNode) plausible.deepCopy()) : JSON.objectNode();
        o.put("zzzUnknown", "x").put("id", 1).put("villageId", world.b.id).put("status", "APPROVED").put("available", 999999);
        o.putObject("__proto__").put("admin", true);
        return o;
    }

    /** Numbers at and beyond every integer type's range; texts made of digits that overflow. */
    public JsonNode hugeNumbers(JsonNode plausible) {
        if (plausible.isObject()) {
            ObjectNode o = JSON.objectNode();
            plausible.fields().forEachRemaining(f -> o.set(f.getKey(), hugeNumbers(f.getValue())));
            return o;
        }
        if (plausible.isArray()) {
            ArrayNode a = JSON.arrayNode();
            plausible.forEach(e -> a.add(hugeNumbers(e)));
            return a;
        }
        if (plausible.isNumber()) {
            return pick(List.of(JSON.numberNode(new java.math.BigInteger("9223372036854775808")), JSON.numberNode(2147483648L),
                    JSON.numberNode(-2147483649L), JSON.numberNode(new java.math.BigDecimal("1e400")), JSON.numberNode(-1e308),
                    JSON.numberNode(Long.MIN_VALUE), JSON.numberNode(0.5)));
        }
        if (plausible.isTextual()) {
            return JSON.textNode(pick(List.of("99999999999999999999999", "-1", "1e400", "2147483648", "99999-12-31", "+999999999-12-31")));
        }
        return plausible;
    }

    /** Every text 100,000 characters long (Chinese and ASCII). */
    public JsonNode hugeStrings(JsonNode plausible) {
        if (plausible.isObject()) {
            ObjectNode o = JSON.objectNode();
            plausible.fields().forEachRemaining(f -> o.set(f.getKey(), hugeStrings(f.getValue())));
            return o;
        }
        if (plausible.isArray()) {
            ArrayNode a = JSON.arrayNode();
            for (int i = 0; i < 3; i++) {
                plausible.forEach(e -> a.add(hugeStrings(e)));
            }
            return a;
        }
        if (plausible.isTextual()) {
            return JSON.textNode("积分".repeat(25_000) + "a".repeat(50_000));
        }
        return plausible;
    }

    /** Texts holding a NUL character (PostgreSQL text cannot store one) and control characters. */
    public JsonNode nulStrings(JsonNode plausible) {
        if (plausible.isObject()) {
            ObjectNode o = JSON.objectNode();
            plausible.fields().forEachRemaining(f -> o.set(f.getKey(), nulStrings(f.getValue())));
            return o;
        }
        if (plausible.isTextual()) {
            return JSON.textNode("a\u0000b\u0001\u001f" + plausible.asText());
        }
        return plausible;
    }

    /** A JSON document nested {@code depth} levels deep, inside the object's first field. */
    public static byte[] deepNesting(int depth) {
        StringBuilder s = new StringBuilder("{\"a\":");
        s.append("[".repeat(depth)).append("]".repeat(depth)).append(",\"b\":");
        s.append("{\"c\":".repeat(depth)).append("1").append("}".repeat(depth)).append("}");
        return s.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** The JSON text of {@code value} with each string's content replaced by raw bytes that are not UTF-8. */
    public static byte[] badUtf8Json(JsonNode value) {
        String text = json(value).length > 0 ? new String(json(value), StandardCharsets.UTF_8) : "{}";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // every "..." value after a colon gets the bad bytes inside it
        String[] parts = text.split(":\"", -1);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                out.writeBytes(":\"".getBytes(StandardCharsets.US_ASCII));
                out.writeBytes(BAD_UTF8);
            }
            out.writeBytes(parts[i].getBytes(StandardCharsets.UTF_8));
        }
        if (parts.length == 1) {
            // no string value: add one
            return ("{\"x\":\"" + new String(BAD_UTF8, StandardCharsets.ISO_8859_1) + "\"}").getBytes(StandardCharsets.ISO_8859_1);
        }
        return out.toByteArray();
    }

    public static byte[] json(JsonNode value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A JSON object of about six megabytes: plausible fields plus one huge text. */
    public static byte[] oversizedJson(JsonNode plausible) {
        ObjectNode o = plausible.isObject() ? ((ObjectNode) plausible.deepCopy()) : JSON.objectNode();
        o.put("padding", "p".repeat(OVERSIZED));
        Iterator<String> names = o.fieldNames();
        String first = names.hasNext() ? names.next() : null;
        if (first != null && o.get(first).isTextual()) {
            o.put(first, "q".repeat(OVERSIZED / 2));
        }
        return json(o);
    }

    // ---- forms ----------------------------------------------------------------------------------------------

    /** The form's field names from its schema (a page's form: every field a string). */
    public static List<String> formFields(JsonNode schema) {
        List<String> names = new ArrayList<>();
        schema.path("properties").fieldNames().forEachRemaining(names::add);
        return names;
    }

    public Map<String, String> plausibleForm(JsonNode schema, FuzzWorld.Village v) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String name : formFields(schema)) {
            JsonNode field = schema.path("properties").path(name);
            form.put(name, field.path("type").asText().equals("string") || field.isEmpty()
                    ? plausibleText(name, v) : plausible(field, name, v).asText());
        }
        return form;
    }

    public static byte[] encode(Map<String, String> form) {
        StringBuilder s = new StringBuilder();
        form.forEach((k, val) -> {
            if (!s.isEmpty()) {
                s.append('&');
            }
            s.append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=').append(URLEncoder.encode(val, StandardCharsets.UTF_8));
        });
        return s.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** Form variants: the bytes of a body of that kind for the form's fields. */
    public byte[] junkForm(String kind, Map<String, String> plausible) {
        Map<String, String> form = new LinkedHashMap<>(plausible);
        switch (kind) {
            case "missing" -> {
                form.keySet().removeIf(k -> random.nextBoolean());
                return encode(form);
            }
            case "wrong-types" -> {
                form.replaceAll((k, val) -> pick(List.of("abc", "-1", "1.5", "2026-99-99", "true", "[]", "{}", "0x10")));
                return encode(form);
            }
            case "huge-numbers" -> {
                form.replaceAll((k, val) -> pick(List.of("99999999999999999999999", "2147483648", "-2147483649", "1e400", "9223372036854775808")));
                return encode(form);
            }
            case "huge-strings" -> {
                // each field 20,000 characters (the size that once broke every form), the form below 256 KB
                form.replaceAll((k, val) -> "积".repeat(2_000) + "a".repeat(14_000));
                return encode(form);
            }
            case "long-field" -> {
                String first = form.keySet().stream().findFirst().orElse("x");
                form.put(first, "b".repeat(200_000));
                return encode(form);
            }
            case "extra" -> {
                form.put("zzzUnknown", "x");
                form.put("villageId", String.valueOf(world.b.id));
                form.put("id", "1");
                return encode(form) ;
            }
            case "duplicates" -> {
                byte[] once = encode(form);
                byte[] twice = new byte[once.length * 2 + 1];
                System.arraycopy(once, 0, twice, 0, once.length);
                twice[once.length] = '&';
                System.arraycopy(once, 0, twice, once.length + 1, once.length);
                return twice;
            }
            case "bad-utf8" -> {
                // raw bytes that are not UTF-8 in every value, and the same percent-encoded
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                boolean firstField = true;
                for (String k : form.keySet()) {
                    if (!firstField) {
                        out.write('&');
                    }
                    firstField = false;
                    out.writeBytes((URLEncoder.encode(k, StandardCharsets.UTF_8) + "=").getBytes(StandardCharsets.US_ASCII));
                    out.writeBytes(random.nextBoolean() ? BAD_UTF8 : "%C3%28".getBytes(StandardCharsets.US_ASCII));
                }
                return out.toByteArray();
            }
            case "nul" -> {
                StringBuilder s = new StringBuilder();
                form.keySet().forEach(k -> s.append(s.isEmpty() ? "" : "&").append(k).append("=a%00b"));
                return s.toString().getBytes(StandardCharsets.US_ASCII);
            }
            case "bad-percent" -> {
                return "a=%zz&b=%4&c=%".getBytes(StandardCharsets.US_ASCII);
            }
            case "oversized" -> {
                String first = form.keySet().stream().findFirst().orElse("x");
                form.put(first, "c".repeat(OVERSIZED));
                return encode(form);
            }
            default -> throw new IllegalArgumentException(kind);
        }
    }

    // ---- multipart ------------------------------------------------------------------------------------------

    public static final String BOUNDARY = "fuzzBoundary7MA4YWxkTrZu0gW";

    /** A multipart body with the schema's fields: texts plausible, files a few bytes that are no image at all. */
    public byte[] multipart(JsonNode schema, FuzzWorld.Village v, boolean truncated) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String name : formFields(schema)) {
            boolean file = "binary".equals(schema.path("properties").path(name).path("format").asText());
            out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\""
                    + (file ? "; filename=\"x.png\"\r\nContent-Type: image/png" : "") + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.writeBytes(file ? junkBytes(64) : plausibleText(name, v).getBytes(StandardCharsets.UTF_8));
            if (truncated) {
                return out.toByteArray();
            }
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    /** Bytes that start like a PNG and then are noise. */
    public byte[] junkBytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
        System.arraycopy(png, 0, b, 0, Math.min(png.length, n));
        return b;
    }

    /** A random token of the length and alphabet of a real one (it names no session). */
    public String forgedToken() {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
