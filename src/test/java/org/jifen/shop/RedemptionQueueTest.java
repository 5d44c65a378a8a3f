package org.jifen.shop;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import org.jifen.support.Api;
import org.jifen.support.TestDatabase;
import org.jifen.support.TestLedger;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Group commit (RedemptionQueue, shop_redeem_batch) against the real database. Each test first fills every lane with
 * a redemption that waits on an account row locked here, so that what it sends next waits in the queue and goes
 * together once the lock is released.
 */
@QuarkusTest
class RedemptionQueueTest {

    @Inject
    RedemptionQueue queue;

    @Inject
    ShopConfig config;

    record Village(long id, String officer) {
    }

    Village village() {
        long v = Api.village();
        return new Village(v, Api.staff("OFFICER", v));
    }

    long household(Village v, int points) throws Exception {
        long h = Api.household(v.officer(), v.id());
        TestLedger.give(h, points, Shop.thisMonth());
        return h;
    }

    long goods(Village v, int price, int stock) {
        long g = Shop.goods(v.officer(), v.id(), Api.unique("米"), price);
        Shop.purchase(v.officer(), v.id(), g, stock, Shop.today().plusDays(30));
        return g;
    }

    RedemptionQueue.Request request(Village v, long household, long goods, int quantity, String key) {
        return new RedemptionQueue.Request(household, 1, key, new Long[]{goods}, new Integer[]{quantity}, "queue-test",
                null, v.id());
    }

    CompletableFuture<Row> send(RedemptionQueue.Request r) {
        return queue.redeem(r).subscribeAsCompletionStage();
    }

    /** Fills every lane with a redemption waiting on a locked account; commit the connection to let them go. */
    Connection fillLanes(Village v, List<CompletableFuture<Row>> blockers) throws Exception {
        List<Long> households = new ArrayList<>();
        for (int i = 0; i < config.redeemLanes(); i++) {
            households.add(household(v, 100));
        }
        Connection c = TestDatabase.connect();
        c.setAutoCommit(false);
        try (var st = c.createStatement()) {
            st.execute("SELECT 1 FROM account WHERE household_id IN (" + households.stream().map(String::valueOf)
                    .collect(Collectors.joining(",")) + ") FOR UPDATE");
        }
        for (long h : households) {
            blockers.add(send(request(v, h, goods(v, 1, 5), 1, UUID.randomUUID().toString())));
        }
        return c;
    }

    static Row answer(CompletableFuture<Row> f) throws Exception {
        return f.get(20, TimeUnit.SECONDS);
    }

    /** The transactions (xmin) that wrote the redemptions with these keys. */
    static Set<String> transactions(List<String> keys) throws Exception {
        Set<String> xmins = new TreeSet<>();
        try (var c = TestDatabase.connect(); var st = c.prepareStatement(
                "SELECT xmin::text FROM redemption WHERE idempotency_key = ANY (?)")) {
            st.setArray(1, c.createArrayOf("text", keys.toArray()));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    xmins.add(rs.getString(1));
                }
            }
        }
        return xmins;
    }

    @Test
    void shouldSendWhatWaitsTogetherInOneTransaction() throws Exception {
        Village v = village();
        List<CompletableFuture<Row>> blockers = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        List<CompletableFuture<Row>> sent = new ArrayList<>();
        List<RedemptionQueue.Request> requests = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String key = UUID.randomUUID().toString();
            keys.add(key);
            requests.add(request(v, household(v, 100), goods(v, 10, 5), 2, key));
        }
        try (Connection lock = fillLanes(v, blockers)) {
            requests.forEach(r -> sent.add(send(r)));
            Thread.sleep(200);
            assertTrue(sent.stream().noneMatch(CompletableFuture::isDone), "they wait while every lane is busy");
            lock.commit();
        }
        for (CompletableFuture<Row> b : blockers) {
            assertEquals("created", answer(b).getString("outcome"));
        }
        for (CompletableFuture<Row> f : sent) {
            Row r = answer(f);
            assertEquals("created", r.getString("outcome"));
            assertEquals(20, r.getInteger("total_points"));
            assertEquals(80, r.getInteger("available"));
        }
        assertEquals(1, transactions(keys).size(), "the four waiting redemptions committed together");
        for (RedemptionQueue.Request r : requests) {
            assertEquals(80, Shop.available(v.officer(), r.householdId()));
            assertEquals(3, Shop.stock(v.officer(), v.id(), r.goods()[0]));
        }
    }

    @Test
    void shouldRedeemInOrderWithinOneBatch() throws Exception {
        Village v = village();
        long rice = goods(v, 30, 10);
        long a = household(v, 100);
        long b = household(v, 100);
        String spendFirst = UUID.randomUUID().toString();
        String spendTwice = UUID.randomUUID().toString();
        List<CompletableFuture<Row>> blockers = new ArrayList<>();
        List<CompletableFuture<Row>> sent = new ArrayList<>();
        try (Connection lock = fillLanes(v, blockers)) {
            sent.add(send(request(v, a, rice, 2, spendFirst)));                       // 60 of 100
            sent.add(send(request(v, a, rice, 2, UUID.randomUUID().toString())));   // 60 of the 40 left
            sent.add(send(request(v, b, rice, 1, spendTwice)));
            sent.add(send(request(v, b, rice, 1, spendTwice)));                      // the same key again
            lock.commit();
        }
        assertEquals("created", answer(sent.get(0)).getString("outcome"));
        Row refused = answer(sent.get(1));
        assertEquals("shop.insufficient-points", refused.getString("outcome"));
        assertEquals(40, refused.getInteger("available"));
        Row first = answer(sent.get(2));
        Row again = answer(sent.get(3));
        assertEquals("created", first.getString("outcome"));
        assertEquals("replayed", again.getString("outcome"));
        assertEquals(first.getLong("redemption_id"), again.getLong("redemption_id"));
        assertEquals(1, transactions(List.of(spendFirst, spendTwice)).size(), "all four went in one batch");
        assertEquals(40, Shop.available(v.officer(), a));
        assertEquals(70, Shop.available(v.officer(), b));
        assertEquals(7, Shop.stock(v.officer(), v.id(), rice));
    }

    @Test
    void shouldRedeemEachAloneWhenTheirBatchFails() throws Exception {
        Village v = village();
        List<String> goodKeys = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString());
        List<RedemptionQueue.Request> fine = new ArrayList<>();
        for (String key : goodKeys) {
            fine.add(request(v, household(v, 100), goods(v, 10, 5), 1, key));
        }
        // A key the database refuses (over 100 characters, past the API's own check): the whole batch rolls back.
        RedemptionQueue.Request broken = request(v, household(v, 100), goods(v, 10, 5), 1, "k".repeat(101));
        List<CompletableFuture<Row>> blockers = new ArrayList<>();
        CompletableFuture<Row> first;
        CompletableFuture<Row> bad;
        CompletableFuture<Row> last;
        try (Connection lock = fillLanes(v, blockers)) {
            first = send(fine.get(0));
            bad = send(broken);
            last = send(fine.get(1));
            lock.commit();
        }
        assertEquals("created", answer(first).getString("outcome"));
        assertEquals("created", answer(last).getString("outcome"));
        ExecutionException failure = assertThrows(ExecutionException.class, () -> answer(bad));
        assertTrue(String.valueOf(failure.getCause().getMessage()).contains("redemption_idempotency_key_check"),
                failure.getCause().getMessage());
        assertEquals(2, transactions(goodKeys).size(), "after the failed batch, each went alone");
        assertEquals(90, Shop.available(v.officer(), fine.get(0).householdId()));
        assertEquals(90, Shop.available(v.officer(), fine.get(1).householdId()));
        assertEquals(100, Shop.available(v.officer(), broken.householdId()));
        assertEquals(5, Shop.stock(v.officer(), v.id(), broken.goods()[0]));
    }
}
