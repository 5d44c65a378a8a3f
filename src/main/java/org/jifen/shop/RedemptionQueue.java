package org.jifen.shop;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jifen.common.ChinaTime;
import org.jifen.common.db.Sql;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Group commit for redemption day. At most {@code jifen.shop.redeem-lanes} redemption calls run in the database at a
 * time; redemptions that arrive meanwhile wait here and go together, up to {@code jifen.shop.redeem-batch} of them,
 * in one call of {@code shop_redeem_batch} (migration V91): one transaction, one commit, one flush of the log for all
 * of them, each redeemed exactly as alone. A quiet shop never waits: a redemption that finds a free lane goes at once
 * as a single {@code shop_redeem}. If a batch fails (say two clerks sent one key at the same instant), nothing of it
 * was written and each of its redemptions is sent again on its own, so a failure reaches only the redemption it
 * belongs to. Each answer is a row of {@code shop_redeem_result}, delivered on the caller's own Vert.x context.
 */
@ApplicationScoped
public class RedemptionQueue {

    /** One redemption as the database function takes it; {@code goods} sorted and distinct. */
    public record Request(long householdId, int cardVersion, String key, Long[] goods, Integer[] quantities,
                          String actor, Long scopeTown, Long scopeVillage) {
    }

    private record Waiting(Request request, UniEmitter<? super Row> answer, Context context) {

        void complete(Row row) {
            deliver(() -> answer.complete(row));
        }

        void fail(Throwable failure) {
            deliver(() -> answer.fail(failure));
        }

        private void deliver(Runnable action) {
            if (context == null || context == Vertx.currentContext()) {
                action.run();
            } else {
                context.runOnContext(x -> action.run());
            }
        }
    }

    static final String SINGLE = "SELECT * FROM shop_redeem($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)";
    static final String BATCH = "SELECT * FROM shop_redeem_batch($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)";

    @Inject
    Pool pool;

    @Inject
    ChinaTime time;

    @Inject
    ShopConfig config;

    private final List<Waiting> waiting = new ArrayList<>();
    /** Households and goods of the batches in the database now: no other batch may touch them meanwhile. */
    private final Set<Long> busyHouseholds = new HashSet<>();
    private final Set<Long> busyGoods = new HashSet<>();
    private int running;

    /** Redeems; the answer is the function's row (outcome, redemption id, household, points, available). */
    public Uni<Row> redeem(Request request) {
        return Uni.createFrom().emitter(answer -> {
            synchronized (this) {
                waiting.add(new Waiting(request, answer, Vertx.currentContext()));
            }
            drain();
        });
    }

    private void drain() {
        while (true) {
            List<Waiting> next;
            synchronized (this) {
                if (running >= config.redeemLanes() || waiting.isEmpty()) {
                    return;
                }
                next = takeBatch();
                if (next.isEmpty()) {
                    return;  // all that waits touches a running batch: its end drains again
                }
                running++;
            }
            send(next);
        }
    }

    /**
     * The next batch, in arrival order: redemptions that touch no household and no goods of a running batch (two
     * batches at once never wait for each other's row locks) nor of an earlier redemption left waiting (a household's
     * redemptions keep their order, and so do the buyers of a goods). Claims what it takes.
     */
    private List<Waiting> takeBatch() {
        List<Waiting> next = new ArrayList<>();
        Set<Long> heldHouseholds = new HashSet<>();
        Set<Long> heldGoods = new HashSet<>();
        for (Iterator<Waiting> it = waiting.iterator(); it.hasNext() && next.size() < config.redeemBatch(); ) {
            Waiting w = it.next();
            Request r = w.request();
            List<Long> goods = Arrays.asList(r.goods());
            if (busyHouseholds.contains(r.householdId()) || heldHouseholds.contains(r.householdId())
                    || goods.stream().anyMatch(g -> busyGoods.contains(g) || heldGoods.contains(g))) {
                heldHouseholds.add(r.householdId());
                heldGoods.addAll(goods);
                continue;
            }
            it.remove();
            next.add(w);
        }
        for (Waiting w : next) {
            busyHouseholds.add(w.request().householdId());
            busyGoods.addAll(Arrays.asList(w.request().goods()));
        }
        return next;
    }

    private void send(List<Waiting> next) {
        if (next.size() == 1) {
            Waiting only = next.get(0);
            single(only.request()).subscribe().with(row -> {
                done(next);
                only.complete(row);
            }, failure -> {
                done(next);
                only.fail(failure);
            });
            return;
        }
        batch(next).subscribe().with(rows -> {
            done(next);
            for (int i = 0; i < next.size(); i++) {
                next.get(i).complete(rows.get(i));
            }
        }, failure -> oneByOne(next, 0));
    }

    /** After a failed batch: each of its redemptions alone, in order, still holding the batch's lane and claims. */
    private void oneByOne(List<Waiting> batch, int index) {
        if (index == batch.size()) {
            done(batch);
            return;
        }
        Waiting w = batch.get(index);
        single(w.request()).subscribe().with(row -> {
            w.complete(row);
            oneByOne(batch, index + 1);
        }, failure -> {
            w.fail(failure);
            oneByOne(batch, index + 1);
        });
    }

    private void done(List<Waiting> batch) {
        synchronized (this) {
            running--;
            for (Waiting w : batch) {
                busyHouseholds.remove(w.request().householdId());
                busyGoods.removeAll(Arrays.asList(w.request().goods()));
            }
        }
        drain();
    }

    /** Deferred: whatever goes wrong while building the call fails the answer, never the lane bookkeeping. */
    private Uni<Row> single(Request r) {
        return Uni.createFrom().deferred(() -> singleCall(r));
    }

    private Uni<Row> singleCall(Request r) {
        LocalDate today = time.today();
        Tuple args = Sql.args(r.householdId(), r.cardVersion(), r.key(), r.goods(), r.quantities(),
                today, time.thisMonth().toString(), r.actor(), r.scopeTown(), r.scopeVillage());
        return Sql.first(pool, SINGLE, args, row -> row);
    }

    private Uni<List<Row>> batch(List<Waiting> next) {
        return Uni.createFrom().deferred(() -> batchCall(next));
    }

    private Uni<List<Row>> batchCall(List<Waiting> next) {
        int n = next.size();
        Long[] households = new Long[n];
        Integer[] versions = new Integer[n];
        String[] keys = new String[n];
        Integer[] counts = new Integer[n];
        String[] actors = new String[n];
        Long[] towns = new Long[n];
        Long[] villages = new Long[n];
        List<Long> goods = new ArrayList<>();
        List<Integer> quantities = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Request r = next.get(i).request();
            households[i] = r.householdId();
            versions[i] = r.cardVersion();
            keys[i] = r.key();
            counts[i] = r.goods().length;
            actors[i] = r.actor();
            towns[i] = r.scopeTown();
            villages[i] = r.scopeVillage();
            goods.addAll(Arrays.asList(r.goods()));
            quantities.addAll(Arrays.asList(r.quantities()));
        }
        Tuple args = Sql.args(households, versions, keys, counts, goods.toArray(Long[]::new),
                quantities.toArray(Integer[]::new), time.today(), time.thisMonth().toString(), actors, towns, villages);
        return Sql.list(pool, BATCH, args, row -> row).invoke(answers -> {
            if (answers.size() != n) {
                throw new IllegalStateException("shop_redeem_batch answered " + answers.size() + " rows for " + n);
            }
        });
    }
}
