package org.jifen.wechat;

import io.smallrye.mutiny.Uni;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * An access token or ticket kept until shortly before it expires. Concurrent callers share one fetch: the
 * first caller after expiry starts it, the others wait for the same answer. A failed fetch is not cached.
 * The fetcher takes {@code force}: false asks for the value every replica shares while it is valid, true for a
 * new one that ends it (WeChat's {@code stable_token} with {@code force_refresh}); see {@link #replace(String)}.
 */
final class CachedSecret {

    record Fetched(String value, Instant refreshAt) {
    }

    private final Function<Boolean, Uni<Fetched>> fetcher;
    private final Clock clock;
    private final Duration forceEvery;
    private volatile Fetched current;
    private Uni<String> inflight;
    private Instant lastForced;

    CachedSecret(Function<Boolean, Uni<Fetched>> fetcher, Duration forceEvery, Clock clock) {
        this.fetcher = fetcher;
        this.forceEvery = forceEvery;
        this.clock = clock;
    }

    /** A value that is never forced anew (a ticket). */
    CachedSecret(Supplier<Uni<Fetched>> fetcher, Clock clock) {
        this(force -> fetcher.get(), null, clock);
    }

    Uni<String> get() {
        Fetched c = current;
        if (c != null && clock.instant().isBefore(c.refreshAt())) {
            return Uni.createFrom().item(c.value());
        }
        return fetch(false, null);
    }

    /**
     * The value to try again with after WeChat refused {@code refused} (40001 invalid, 42001 expired); null when
     * there is none. First the shared value is asked for again: when another replica forced a new one, or the old
     * one expired, that is the new one, and nothing is ended. Only when WeChat hands out the very value it refused
     * is a new one forced, at most once per {@code forceEvery}: forcing ends the value every other replica holds.
     */
    Uni<String> replace(String refused) {
        return fetch(false, refused).flatMap(v -> v.equals(refused) ? forceOnce(refused) : Uni.createFrom().item(v))
                .map(v -> refused.equals(v) ? null : v);
    }

    private synchronized Uni<String> forceOnce(String refused) {
        Fetched c = current;
        if (c != null && !c.value().equals(refused)) {
            return Uni.createFrom().item(c.value());
        }
        if (forceEvery == null
                || inflight == null && lastForced != null && clock.instant().isBefore(lastForced.plus(forceEvery))) {
            return Uni.createFrom().nullItem();
        }
        return fetch(true, refused);
    }

    /** Joins the fetch in flight, or starts one, unless a fresh value other than {@code stale} is at hand. */
    private synchronized Uni<String> fetch(boolean force, String stale) {
        Fetched c = current;
        if (c != null && !c.value().equals(stale) && clock.instant().isBefore(c.refreshAt())) {
            return Uni.createFrom().item(c.value());
        }
        if (inflight == null) {
            if (force) {
                lastForced = clock.instant();
            }
            inflight = Uni.createFrom().deferred(() -> fetcher.apply(force))
                    .invoke(f -> current = f)
                    .eventually(this::done)
                    .map(Fetched::value)
                    .memoize().indefinitely();
        }
        return inflight;
    }

    private synchronized void done() {
        inflight = null;
    }
}
