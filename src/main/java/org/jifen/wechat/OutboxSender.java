package org.jifen.wechat;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jifen.common.DomainException;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Delivers due outbox messages. Each run locks a batch with {@code FOR UPDATE SKIP LOCKED}, so two replicas
 * never take the same message, sends them one by one (one attempt each: the outbox does the retrying) and
 * records the outcome in the same transaction. A failure waits a doubling back-off before the next attempt; a
 * permanent refusal (user unsubscribed, bad openid) or too many attempts ends as FAILED. When WeChat does not
 * answer at all, the rest of the batch waits for the next run. Each message goes through the app its user bound
 * with (row {@code app_kind}); a message of an app this instance has no credentials for is marked SKIPPED at once
 * (never attempted, never retried).
 */
@ApplicationScoped
public class OutboxSender {

    public record Result(int sent, int failed, int deferred, int skipped) {
    }

    @Inject
    Pool pool;

    @Inject
    WeChatClient wechat;

    @Inject
    WeChatConfig config;

    @Scheduled(every = "${jifen.wechat.outbox.every:10s}", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        if (!wechat.configured(WeChatClient.App.MINI) && !wechat.configured(WeChatClient.App.MP)) {
            return Uni.createFrom().voidItem();
        }
        return sendDue().onFailure().invoke(e -> Log.warnf("wechat outbox: run failed: %s", e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** One run: sends what is due now. */
    public Uni<Result> sendDue() {
        return pool.withTransaction(tx -> tx.preparedQuery("""
                                SELECT id, app_kind, openid, template_id, page, data::text AS data, attempts FROM wechat_outbox
                                 WHERE status = 'PENDING' AND next_attempt_at <= now()
                                 ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED""")
                .execute(Tuple.of(config.outbox().batch()))
                .flatMap(rows -> {
                    List<Row> due = new ArrayList<>();
                    rows.forEach(due::add);
                    AtomicBoolean outage = new AtomicBoolean();
                    int[] counts = new int[4];
                    return Multi.createFrom().iterable(due)
                            .onItem().transformToUniAndConcatenate(row -> outage.get()
                                    ? Uni.createFrom().voidItem().invoke(() -> counts[2]++)
                                    : sendOne(tx, row, outage, counts))
                            .collect().last()
                            .map(x -> new Result(counts[0], counts[1], counts[2], counts[3]));
                }));
    }

    private Uni<Void> sendOne(SqlClient tx, Row row, AtomicBoolean outage, int[] counts) {
        long id = row.getLong("id");
        WeChatClient.App app = WeChatClient.App.valueOf(row.getString("app_kind"));
        if (!wechat.configured(app)) {
            return tx.preparedQuery("UPDATE wechat_outbox SET status = 'SKIPPED', last_error = $2 WHERE id = $1")
                    .execute(Tuple.of(id, MessageRoutes.notConfigured(app)))
                    .invoke(() -> counts[3]++).replaceWithVoid();
        }
        return Uni.createFrom().deferred(() -> wechat.sendSubscribeOnce(app, row.getString("openid"), row.getString("template_id"),
                        row.getString("page"), templateData(row.getString("data"))))
                .flatMap(x -> tx.preparedQuery("UPDATE wechat_outbox SET status = 'SENT', sent_at = now(), attempts = attempts + 1, last_error = NULL WHERE id = $1")
                        .execute(Tuple.of(id)).invoke(() -> counts[0]++).replaceWithVoid())
                .onFailure().recoverWithUni(e -> {
                    int attempts = row.getInteger("attempts") + 1;
                    boolean permanent = e instanceof DomainException de && de.status() >= 400 && de.status() < 500;
                    if (e instanceof DomainException de && "wechat.unavailable".equals(de.code())) {
                        outage.set(true);
                    }
                    boolean giveUp = permanent || attempts >= config.outbox().maxAttempts();
                    long waitSeconds = Math.min(86400L, config.outbox().backoff().toSeconds() << Math.min(attempts - 1, 20));
                    Log.infof("wechat outbox: message %d attempt %d failed (%s)%s", id, attempts, e.toString(), giveUp ? ", giving up" : "");
                    if (giveUp) {
                        counts[1]++;
                    } else {
                        counts[2]++;
                    }
                    return tx.preparedQuery("""
                                    UPDATE wechat_outbox SET attempts = $2, last_error = left($3, 500),
                                           status = CASE WHEN $4 THEN 'FAILED' ELSE 'PENDING' END,
                                           next_attempt_at = now() + make_interval(secs => $5)
                                     WHERE id = $1""")
                            .execute(Tuple.from(new Object[]{id, attempts, e.getMessage() == null ? e.toString() : e.getMessage(), giveUp, (double) waitSeconds}))
                            .replaceWithVoid();
                });
    }

    /** The template data of a queued message; one that is not a JSON object fails alone and is not retried (422). */
    static JsonObject templateData(String text) {
        try {
            return new JsonObject(text);
        } catch (DecodeException | ClassCastException e) {
            throw new DomainException(422, "wechat.bad-message", "消息内容有误", "排队消息的数据不是 JSON 对象：" + text);
        }
    }
}
