package org.jifen.shop;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the village shop under {@code jifen.shop.*}. */
@ConfigMapping(prefix = "jifen.shop")
public interface ShopConfig {

    /** When redemption-day reminders go out (Quartz-style cron, China time); {@code off} disables them. */
    @WithDefault("0 0 8 * * ?")
    String reminderCron();

    /** Largest goods or redemption-day photo accepted from the shop pages, in bytes. */
    @WithDefault("5242880")
    int photoMaxBytes();

    /**
     * Redemption calls running in the database at a time (about its CPU cores); redemptions arriving meanwhile wait
     * and go together. Two calls never touch the same household or goods.
     */
    @WithDefault("2")
    int redeemLanes();

    /** Most redemptions sent together in one transaction (group commit, {@link RedemptionQueue}). */
    @WithDefault("32")
    int redeemBatch();
}
