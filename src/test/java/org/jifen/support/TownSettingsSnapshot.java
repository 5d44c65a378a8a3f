package org.jifen.support;

import org.jifen.support.OpenApiOperations.Operation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The first town's own settings (every API path without ids that takes a PUT and answers a GET), read before a sweep
 * whose plausible writes change them for every test after it, and put back after it.
 */
public final class TownSettingsSnapshot {

    private TownSettingsSnapshot() {
    }

    /**
     * The town-wide settings the sweep's plausible writes change for every test after it (a path without ids that
     * takes a PUT and answers a GET): read before the sweep and put back after it.
     */
    public static Map<String, String> take(List<Operation> operations) {
        Map<String, String> settings = new LinkedHashMap<>();
        for (Operation put : operations) {
            if (put.method().equals("PUT") && put.api() && put.pathParams().isEmpty() && operations.stream()
                    .anyMatch(o -> o.method().equals("GET") && o.path().equals(put.path()))) {
                settings.put(put.path(), asPut(Api.as(Api.admin()).get(put.path()).then().statusCode(200).extract().asString()));
            }
        }
        return settings;
    }

    /**
     * What to PUT back: the GET's document, except for the town settings, whose GET lists groups of settings and whose
     * PUT takes {@code {name: value}}.
     */
    static String asPut(String got) {
        try {
            var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
            var doc = mapper.readTree(got);
            if (!doc.has("groups")) {
                return got;
            }
            var values = mapper.createObjectNode();
            doc.get("groups").forEach(g -> g.get("settings").forEach(s -> values.set(s.get("name").asText(), s.get("value"))));
            return values.toString();
        } catch (java.io.IOException e) {
            return got;
        }
    }

    public static void putBack(Map<String, String> settings) {
        settings.forEach((path, json) -> Api.as(Api.admin()).body(json).put(path).then().statusCode(200));
    }
}
