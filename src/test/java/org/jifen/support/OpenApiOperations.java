package org.jifen.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;

/**
 * Every operation the app declares in its own OpenAPI document ({@code GET /q/openapi?format=json}), so that sweeps
 * over all endpoints (fuzzing, scope and access checks) cover a new endpoint without anyone listing it.
 */
public final class OpenApiOperations {

    private static final Pattern TEMPLATE = Pattern.compile("\\{([^}]+)}");

    /** A parameter of an operation: {@code in} is path, query, header or cookie; {@code type} the schema's type. */
    public record Param(String name, String in, String type, boolean required) {
    }

    /**
     * One operation. {@code bodies} maps each accepted content type to its schema with every {@code $ref} resolved
     * (an empty map: no body); {@code produces} the content types of its answers; {@code permissionSets} are the sets of its security requirement (empty: public, or
     * any authenticated caller when {@code secured}).
     */
    public record Operation(String method, String path, List<Param> params, Map<String, JsonNode> bodies,
                            List<String> produces, List<String> permissionSets, boolean secured) {

        public List<Param> pathParams() {
            return params.stream().filter(p -> p.in().equals("path")).toList();
        }

        public List<Param> queryParams() {
            return params.stream().filter(p -> p.in().equals("query")).toList();
        }

        public boolean hasBody() {
            return !bodies.isEmpty();
        }

        /** The first content type of the given family ("json", "form", "multipart"), or null. */
        public String contentType(String family) {
            return bodies.keySet().stream().filter(c -> switch (family) {
                case "json" -> c.equals("application/json");
                case "form" -> c.equals("application/x-www-form-urlencoded");
                case "multipart" -> c.startsWith("multipart/");
                default -> c.equals(family);
            }).findFirst().orElse(null);
        }

        /** The path with each {@code {name}} replaced by {@code values.get(name)} (taken as already URL-encoded). */
        public String expand(Map<String, String> values) {
            Matcher m = TEMPLATE.matcher(path);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String v = values.get(m.group(1));
                if (v == null) {
                    throw new IllegalArgumentException("no value for {" + m.group(1) + "} of " + this);
                }
                m.appendReplacement(out, Matcher.quoteReplacement(v));
            }
            m.appendTail(out);
            return out.toString();
        }

        /** The Accept header a client of this operation sends: JSON for the API unless it answers a file (PDF, PNG...). */
        public String accept() {
            if (!api()) {
                return "text/html";
            }
            return produces.isEmpty() || produces.stream().anyMatch(t -> t.contains("json")) ? "application/json" : produces.get(0);
        }

        /** An API operation answers JSON problems; the others are pages (HTML). */
        public boolean api() {
            return path.startsWith("/api/");
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private final JsonNode document;
    private final List<Operation> operations;

    private OpenApiOperations(JsonNode document) {
        this.document = document;
        this.operations = read();
    }

    /** Reads the running app's document. */
    public static OpenApiOperations load() {
        try {
            String json = given().accept("application/json").get("/q/openapi?format=json")
                    .then().statusCode(200).extract().asString();
            return new OpenApiOperations(new ObjectMapper().readTree(json));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the OpenAPI document is not JSON", e);
        }
    }

    /** Every operation, in the document's order of paths (methods in a path: GET first, DELETE last). */
    public List<Operation> all() {
        return operations;
    }

    private List<Operation> read() {
        List<Operation> list = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            List<JsonNode> shared = new ArrayList<>();
            path.getValue().path("parameters").forEach(shared::add);
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (op.getKey().equals("parameters")) {
                    continue;
                }
                list.add(operation(op.getKey().toUpperCase(), path.getKey(), op.getValue(), shared));
            }
        }
        List<String> order = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE");
        list.sort(Comparator.comparingInt((Operation o) -> order.indexOf(o.method())));
        return List.copyOf(list);
    }

    private Operation operation(String method, String path, JsonNode op, List<JsonNode> shared) {
        Map<String, Param> params = new LinkedHashMap<>();
        List<JsonNode> all = new ArrayList<>(shared);
        op.path("parameters").forEach(all::add);
        for (JsonNode p : all) {
            JsonNode schema = resolve(p.path("schema"));
            params.put(p.path("in").asText() + ":" + p.path("name").asText(), new Param(p.path("name").asText(),
                    p.path("in").asText(), schema.path("type").asText("string"), p.path("required").asBoolean(false)));
        }
        // a template variable the document forgot to declare is still a path parameter
        Matcher m = TEMPLATE.matcher(path);
        while (m.find()) {
            params.putIfAbsent("path:" + m.group(1), new Param(m.group(1), "path", "string", true));
        }
        Map<String, JsonNode> bodies = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> c = op.path("requestBody").path("content").fields(); c.hasNext(); ) {
            Map.Entry<String, JsonNode> content = c.next();
            bodies.put(content.getKey(), resolve(content.getValue().path("schema")));
        }
        List<String> produces = new ArrayList<>();
        op.path("responses").forEach(r -> r.path("content").fieldNames().forEachRemaining(t -> {
            if (!produces.contains(t)) {
                produces.add(t);
            }
        }));
        List<String> sets = new ArrayList<>();
        boolean secured = op.has("security") && !op.path("security").isEmpty();
        op.path("security").forEach(req -> req.fields().forEachRemaining(f -> f.getValue().forEach(s -> sets.add(s.asText()))));
        return new Operation(method, path, List.copyOf(params.values()), bodies, List.copyOf(produces), List.copyOf(sets), secured);
    }

    /** The schema with every {@code $ref} replaced by what it names (recursion cut at a depth of 8). */
    public JsonNode resolve(JsonNode schema) {
        return resolve(schema, 0);
    }

    private JsonNode resolve(JsonNode schema, int depth) {
        if (schema == null || schema.isMissingNode() || depth > 8) {
            return new ObjectMapper().createObjectNode();
        }
        if (schema.has("$ref")) {
            String ref = schema.get("$ref").asText();
            JsonNode target = document.at(ref.substring(1));
            return resolve(target, depth + 1);
        }
        if (!schema.isObject()) {
            return schema;
        }
        var copy = schema.deepCopy();
        var obj = (com.fasterxml.jackson.databind.node.ObjectNode) copy;
        if (schema.has("properties")) {
            var props = obj.putObject("properties");
            schema.get("properties").fields().forEachRemaining(f -> props.set(f.getKey(), resolve(f.getValue(), depth + 1)));
        }
        if (schema.has("items")) {
            obj.set("items", resolve(schema.get("items"), depth + 1));
        }
        for (String combo : List.of("allOf", "oneOf", "anyOf")) {
            if (schema.has(combo) && schema.get(combo).size() > 0) {
                // the first alternative is enough to build a plausible body
                JsonNode first = resolve(schema.get(combo).get(0), depth + 1);
                obj.remove(combo);
                first.fields().forEachRemaining(f -> obj.putIfAbsent(f.getKey(), f.getValue()));
            }
        }
        return copy;
    }
}
