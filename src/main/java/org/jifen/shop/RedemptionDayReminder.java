package org.jifen.shop;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jifen.common.ChinaTime;
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
        return Panache.withTransaction(() -> Panache.getSession().flatMap(s -> s.createNativeQuery("""
                        SELECT id, village_id, day, title FROM redemption_day WHERE day BETWEEN ?1 AND ?2 ORDER BY day""", Object[].class)
                .setParameter(1, today).setParameter(2, today.plusDays(DAYS_AHEAD)).getResultList())
                .flatMap(days -> queue(days, 0, 0)));
    }

    private Uni<Integer> queue(List<Object[]> days, int i, int queued) {
        if (i >= days.size()) {
            return Uni.createFrom().item(queued);
        }
        Object[] d = days.get(i);
        LocalDate day = (LocalDate) d[2];
        String title = d[3] == null || d[3].toString().isBlank() ? "积分超市兑换日" : d[3].toString();
        return outbox.announceToVillage(((Number) d[1]).longValue(), "redemption-day", title,
                        day.getMonthValue() + "月" + day.getDayOfMonth() + "日兑换，请带上积分卡", "redemption-day:" + d[0])
                .flatMap(n -> queue(days, i + 1, queued + n));
    }
}
