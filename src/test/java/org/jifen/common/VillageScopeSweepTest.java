package org.jifen.common;

import io.quarkus.test.junit.QuarkusTest;
import org.jifen.support.FuzzRequests;
import org.jifen.support.FuzzWorld;
import org.jifen.support.Junk;
import org.jifen.support.OpenApiOperations;
import org.jifen.support.OpenApiOperations.Operation;
import org.jifen.support.Sweep;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An officer of village A calls every operation of the OpenAPI document that names data by an id of village B
 * ({@code villageId}, {@code householdId}, {@code goodsId}, {@code batchId}, {@code noticeId}, {@code entryId},
 * {@code redemptionDayId}...) with B's ids: 403 or 404 every time (public operations, such as a published notice's
 * page, are left out), never a 2xx, and nothing of B changes. Generated
 * from the document: a new endpoint under a village's data is checked without being listed.
 */
@QuarkusTest
class VillageScopeSweepTest {

    @Test
    void anOfficerOfOneVillageGets403Or404OnEveryOperationWithAnotherVillagesIds() throws Exception {
        OpenApiOperations api = OpenApiOperations.load();
        FuzzWorld world = FuzzWorld.build();
        FuzzRequests requests = new FuzzRequests(world, new Junk(FuzzSweepTest.SEED, world));
        FuzzWorld.Village b = world.b;
        long start = System.currentTimeMillis();
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        try (Sweep sweep = new Sweep(b.id)) {
            Map<String, String> before = sweep.state();
            for (Operation op : api.all()) {
                if (!op.secured() || op.pathParams().stream().noneMatch(p -> b.ids.containsKey(p.name()))) {
                    // public pages (a published notice, its poster, objections) are everyone's by design
                    continue;
                }
                checked++;
                var path = requests.pathValues(op, b);
                String query = requests.plausibleQuery(op, b);
                // a plausible body naming B's data, then a body that is junk: the scope is checked before the body
                List<FuzzRequests.Body> bodies = List.of(requests.body(op, "plausible", b),
                        op.hasBody() ? requests.body(op, "empty", b) : FuzzRequests.Body.NONE);
                for (FuzzRequests.Body body : op.hasBody() ? bodies : bodies.subList(0, 1)) {
                    Sweep.Call call = requests.call(op, "OFFICER", "village B's ids", path, query, body);
                    Sweep.Answer answer = sweep.send(call);
                    if (answer.status() != 403 && answer.status() != 404) {
                        wrong.add(answer.status() + ": " + call + " → "
                                + (answer.text() == null ? "" : answer.text().substring(0, Math.min(200, answer.text().length()))));
                    }
                }
            }
            String summary = sweep.summary("village scope sweep", System.currentTimeMillis() - start)
                    + ", " + checked + " operations with an id of village B";
            System.out.println(summary);
            assertTrue(wrong.isEmpty() && sweep.failures.isEmpty(), summary + "\nnot 403/404:\n" + String.join("\n", wrong)
                    + "\nfailures:\n" + String.join("\n", sweep.failures));
            assertEquals(before, sweep.state(), "nothing of village B changed");
            assertTrue(checked >= 100, "operations under a village's data: " + checked);
        }
    }
}
