package org.jifen.portal;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the villager portal, under {@code jifen.portal.*}. */
@ConfigMapping(prefix = "jifen.portal")
public interface PortalConfig {

    /** Days a portal login (card + phone, or WeChat) stays valid: villagers should rarely log in again. */
    @WithDefault("180")
    int sessionDays();

    /** Newest postings listed by {@code GET /api/portal/me}. */
    @WithDefault("30")
    int mePostings();

    /**
     * Seconds a household's portal figures (balance, rank, stars) are kept in memory before they are read again;
     * 0 reads them on every request. Keep it to a few seconds: other replicas see a change only when it expires.
     */
    @WithDefault("2")
    int cacheSeconds();

    /** Failed portal logins per card within {@link #failureWindowMinutes()} before 429. */
    @WithDefault("5")
    int maxFailures();

    /** Failed portal logins per client address within {@link #failureWindowMinutes()} before 429. */
    @WithDefault("30")
    int maxFailuresPerAddress();

    @WithDefault("15")
    int failureWindowMinutes();

    /** Largest photo accepted with a reported good deed. */
    @WithDefault("5242880")
    int maxPhotoBytes();
}
