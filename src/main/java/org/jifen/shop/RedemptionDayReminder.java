package org.jifen.shop;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jifen.common.ChinaTime;
import org.jifen.common.db.Sql;
import org.jifen.wechat.Outbox;

import java.time.LocalDate;
import java.util.List;

/**
 * Every morning (China time), tells the bound households of each village whose redemption day (季兑换) is today
 * or within {@link #DAYS_AHEAD} days, through the WeChat outbox. Once per day and household (dedup key), so
 * a second replica or a second run adds nothing.
 */
@ApplicationScoped
public class RedemptionDayReminder {

    static final int DAYS_AHEAD = 2;

    @Inject
    Pool pool;

    @Inject
    Outbox outbox;

    @Inject
    ChinaTime time;

    /** Injected so Quarkus registers the {@code jifen.shop} mapping that the cron expression reads. */
    @Inject
    ShopConfig config;

    @Scheduled(cron = "{jifen.shop.reminder-cron:0 0 8 * * ?}", timeZone = "Asia/Shanghai",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return remind(time.today()).invoke(n -> Log.infof("redemption day reminders queued: %d", n)).replaceWithVoid();
    }

    /** Queues the reminders for days from {@code today} to {@code today + DAYS_AHEAD}; answers how many were queued. */
    public Uni<Integer> remind(LocalDate today) {
        return pool.withTransaction(tx -> Sql.list(tx, """
                                SELECT id, village_id, day, title FROM redemption_day WHERE day BETWEEN $1 AND $2 ORDER BY day""",
                        Sql.args(today, today.plusDays(DAYS_AHEAD)),
                        r -> new Day(r.getLong("id"), r.getLong("village_id"), r.getLocalDate("day"), r.getString("title")))
                .flatMap(days -> queue(tx, days, 0, 0)));
    }

    private record Day(long id, long villageId, LocalDate day, String title) {
    }

    private Uni<Integer> queue(SqlClient tx, List<Day> days, int i, int queued) {
        if (i >= days.size()) {
            return Uni.createFrom().item(queued);
        }
        Day d = days.get(i);
        String title = d.title() == null || d.title().isBlank() ? "积分超市兑换日" : d.title();
        return outbox.announceToVillage(tx, d.villageId(), "redemption-day", title,
                        d.day().getMonthValue() + "月" + d.day().getDayOfMonth() + "日兑换，请带上积分卡", "redemption-day:" + d.id())
                .flatMap(n -> queue(tx, days, i + 1, queued + n));
    }
}
