package org.jifen.wechat;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jifen.common.DomainException;
import org.jifen.common.db.Sql;

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
        return pool.withTransaction(tx -> Sql.list(tx, """
                                SELECT id, app_kind, openid, template_id, page, data::text AS data, attempts FROM wechat_outbox
                                 WHERE status = 'PENDING' AND next_attempt_at <= now()
                                 ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED""",
                        Sql.args(config.outbox().batch()),
                        r -> new Due(r.getLong("id"), WeChatClient.App.valueOf(r.getString("app_kind")), r.getString("openid"),
                                r.getString("template_id"), r.getString("page"), r.getString("data"), r.getInteger("attempts")))
                .flatMap(due -> {
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

    /** A message due now, as queued. */
    private record Due(long id, WeChatClient.App app, String openid, String templateId, String page, String data, int attempts) {
    }

    private Uni<Void> sendOne(SqlClient tx, Due m, AtomicBoolean outage, int[] counts) {
        long id = m.id();
        if (!wechat.configured(m.app())) {
            return Sql.exec(tx, "UPDATE wechat_outbox SET status = 'SKIPPED', last_error = $2 WHERE id = $1",
                            Sql.args(id, MessageRoutes.notConfigured(m.app())))
                    .invoke(() -> counts[3]++).replaceWithVoid();
        }
        return Uni.createFrom().deferred(() -> wechat.sendSubscribeOnce(m.app(), m.openid(), m.templateId(), m.page(),
                        templateData(m.data())))
                .flatMap(x -> Sql.exec(tx, "UPDATE wechat_outbox SET status = 'SENT', sent_at = now(), attempts = attempts + 1, last_error = NULL WHERE id = $1",
                        Sql.args(id)).invoke(() -> counts[0]++).replaceWithVoid())
                .onFailure().recoverWithUni(e -> {
                    int attempts = m.attempts() + 1;
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
                    return Sql.exec(tx, """
                                    UPDATE wechat_outbox SET attempts = $2, last_error = left($3, 500),
                                           status = CASE WHEN $4 THEN 'FAILED' ELSE 'PENDING' END,
                                           next_attempt_at = now() + make_interval(secs => $5)
                                     WHERE id = $1""",
                            Sql.args(id, attempts, e.getMessage() == null ? e.toString() : e.getMessage(), giveUp, (double) waitSeconds))
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
