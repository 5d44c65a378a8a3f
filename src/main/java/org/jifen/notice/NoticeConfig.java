package org.jifen.notice;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/** Settings of the quarterly notices, under {@code jifen.notice.*}. */
@ConfigMapping(prefix = "jifen.notice")
public interface NoticeConfig {

    /**
     * Mask head names on public pages and posters (张*明) unless the town chose otherwise
     * ({@code PUT /api/town/notice-settings}). Paper notices traditionally show full names.
     */
    @WithDefault("false")
    boolean maskNames();

    /**
     * A directory whose {@code notice-page.html}, {@code notice-board.html} or {@code notice-poster.html}
     * (Qute) replace the packaged defaults of {@code notices-templates/}; read again when the file changes.
     */
    Optional<String> templatesDir();

    /** Seconds a browser or proxy may keep a published notice page before asking again (ETag). */
    @WithDefault("60")
    int maxAgeSeconds();

    /**
     * Objections one address may file to one notice within an hour; more answer 429. Generous: villagers behind
     * one mobile carrier's address share it.
     */
    @WithDefault("20")
    int maxObjectionsPerHour();
}
