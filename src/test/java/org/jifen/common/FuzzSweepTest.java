package org.jifen.common;

import io.quarkus.test.junit.QuarkusTest;
import org.jifen.common.security.Role;
import org.jifen.common.security.Roles;
import org.jifen.support.Api;
import org.jifen.support.Api;
import org.jifen.support.FuzzRequests;
import org.jifen.support.FuzzWorld;
import org.jifen.support.Junk;
import org.jifen.support.OpenApiOperations;
import org.jifen.support.OpenApiOperations.Operation;
import org.jifen.support.OpenApiOperations.Param;
import org.jifen.support.Sweep;
import org.jifen.support.TownSettingsSnapshot;
import org.jifen.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every operation of the app's own OpenAPI document, called with junk (path ids, query values, bodies of every
 * wrong kind, wrong content types, oversized bodies, forged tokens, another village's ids) by anonymous, a clerk, an
 * officer, the town admin, a villager and forged sessions: no 5xx, no stack trace, no answer missing, and nothing of
 * the ledger, stock or audit trail changed by a refused request. Nothing is listed by hand: a new endpoint is swept
 * as soon as it is in the document. The junk is seeded ({@code -Djifen.fuzz.seed=...} picks another seed).
 */
@QuarkusTest
class FuzzSweepTest {

    static final long SEED = Long.getLong("jifen.fuzz.seed", 20261206L);

    /** Who calls: staff roles of village A, the town admin, a villager of village A, nobody, and forged sessions. */
    static final List<String> CALLERS = List.of("anonymous", "CLERK", "OFFICER", "TOWN_ADMIN", "villager",
            "forged-bearer", "forged-staff-cookie", "forged-portal-cookie");

    private FuzzWorld world;
    private Junk junk;
    private FuzzRequests requests;
    private int pathJunk;

    @Test
    void everyOperationAnswersJunkWithoutA5xxAndARefusalChangesNothing() throws Exception {
        OpenApiOperations api = OpenApiOperations.load();
        world = FuzzWorld.build();
        junk = new Junk(SEED, world);
        requests = new FuzzRequests(world, junk);
        long start = System.currentTimeMillis();
        List<Operation> operations = api.all();
        Map<String, String> settings = TownSettingsSnapshot.take(operations);
        Logger.getLogger("").addHandler(log);
        try (Sweep sweep = new Sweep(null)) {
            int index = 0;
            for (Operation op : operations) {
                boolean oversizedSample = index++ % 6 == 0 || !op.secured();
                for (String caller : CALLERS) {
                    for (Sweep.Call call : calls(op, caller, oversizedSample)) {
                        sweep.send(call);
                    }
                }
            }
            Logger.getLogger("").removeHandler(log);
            String summary = sweep.summary("fuzz sweep (seed " + SEED + ")", System.currentTimeMillis() - start)
                    + String.format(", %d log lines (%.2f per request)", log.lines, log.lines / (double) sweep.requests);
            System.out.println(summary);
            assertTrue(sweep.failures.isEmpty(), summary + "\n" + String.join("\n", sweep.failures));
            assertTrue(log.traces.isEmpty(), "a client's junk is logged in one line, without a stack trace:\n"
                    + String.join("\n", log.traces.stream().limit(30).toList()));
            assertEquals(operations.size(), sweep.operations.size(), "every operation of the document was called");
            assertTrue(sweep.changes > 50, "the sweep's plausible requests write, and the watch sees it: " + sweep.changes);
            assertTrue(operations.size() >= 150, "the OpenAPI document lists the app's operations: " + operations.size());
        } finally {
            Logger.getLogger("").removeHandler(log);
            TownSettingsSnapshot.putBack(settings);
        }
    }

    /** Counts the app's log lines and keeps those that carry a stack trace. */
    static final class LogWatch extends Handler {
        int lines;
        final Set<String> traces = new LinkedHashSet<>();

        @Override
        public synchronized void publish(LogRecord r) {
            if (r.getLevel().intValue() < Level.INFO.intValue() || r.getLoggerName().startsWith("io.quarkus.test")) {
                return;
            }
            lines++;
            if (r.getThrown() != null) {
                traces.add(r.getLevel() + " " + r.getLoggerName() + ": " + r.getMessage() + " (" + r.getThrown() + ")");
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    private final LogWatch log = new LogWatch();

    /** The sweep's failed logins came from made-up addresses; they must not slow down the tests after it. */
    @AfterAll
    static void forgetFailedLogins() throws Exception {
        try (var c = TestDatabase.connect(); var st = c.createStatement()) {
            st.execute("DELETE FROM login_failure");
        }
    }

    // ---- building the calls ---------------------------------------------------------------------------------

    List<Sweep.Call> calls(Operation op, String caller, boolean oversizedSample) {
        boolean full = admitted(op, caller);
        boolean forged = caller.startsWith("forged");
        FuzzWorld.Village a = world.a;
        List<Sweep.Call> calls = new ArrayList<>();
        Map<String, String> path = requests.pathValues(op, a);
        calls.add(requests.call(op, caller, "plausible", path, requests.plausibleQuery(op, a), requests.body(op, "plausible", a)));
        if (forged) {
            return calls;
        }
        for (int i = 0; i < (full ? 3 : 1) && !op.pathParams().isEmpty(); i++) {
            Map<String, String> junkPath = new LinkedHashMap<>(path);
            Param p = junk.pick(op.pathParams());
            junkPath.put(p.name(), Junk.PATH_IDS.get(pathJunk++ % Junk.PATH_IDS.size()));
            calls.add(requests.call(op, caller, "junk-path:" + p.name(), junkPath, requests.plausibleQuery(op, a), requests.body(op, "plausible", a)));
        }
        boolean hasQuery = op.params().stream().anyMatch(p -> !p.in().equals("path"));
        for (int i = 0; i < (full ? 2 : 1) && hasQuery; i++) {
            calls.add(requests.call(op, caller, "junk-query", path, requests.junkQuery(op), requests.body(op, "plausible", a)));
        }
        if ((caller.equals("CLERK") || caller.equals("OFFICER")) && op.pathParams().stream().anyMatch(p -> world.b.ids.containsKey(p.name()))) {
            calls.add(requests.call(op, caller, "other-village", requests.pathValues(op, world.b), requests.plausibleQuery(op, world.b), requests.body(op, "plausible", world.b)));
        }
        for (String family : FuzzRequests.families(op)) {
            List<String> kinds = new ArrayList<>(switch (family) {
                case "json" -> FuzzRequests.JSON_KINDS;
                case "form" -> FuzzRequests.FORM_KINDS;
                case "multipart" -> FuzzRequests.MULTIPART_KINDS;
                default -> FuzzRequests.BINARY_KINDS;
            });
            kinds.remove("plausible");
            if (!full) {
                kinds = List.of(junk.pick(kinds));
            } else if (oversizedSample && (family.equals("json") || family.equals("form"))) {
                kinds.add("oversized");
            }
            for (String kind : kinds) {
                calls.add(requests.call(op, caller, family + ":" + kind, path, requests.plausibleQuery(op, a), requests.bodyOf(op, family, kind, a)));
            }
        }
        if (full && op.hasBody()) {
            for (String kind : FuzzRequests.OTHER_TYPES) {
                calls.add(requests.call(op, caller, kind, path, requests.plausibleQuery(op, a), requests.otherType(op, kind, a)));
            }
        }
        return calls;
    }

    /** Whether the caller passes the operation's role check (the junk then reaches the body and the data). */
    static boolean admitted(Operation op, String caller) {
        if (!op.secured()) {
            return caller.equals("anonymous");
        }
        if (op.permissionSets().isEmpty()) {
            return !caller.equals("anonymous") && !caller.startsWith("forged");
        }
        for (String set : op.permissionSets()) {
            if (set.equals(Roles.HOUSEHOLD) ? caller.equals("villager")
                    : Roles.SETS.containsKey(set) && isRole(caller) && Roles.SETS.get(set).contains(Role.valueOf(caller))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isRole(String caller) {
        return caller.equals(caller.toUpperCase());
    }

}
