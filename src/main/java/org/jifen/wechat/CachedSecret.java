package org.jifen.wechat;

import io.smallrye.mutiny.Uni;

import java.time.Clock;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * An access token or ticket kept until shortly before it expires. Concurrent callers share one refresh: the
 * first caller after expiry starts it, the others wait for the same answer. A failed refresh is not cached.
 */
final class CachedSecret {

    record Fetched(String value, Instant refreshAt) {
    }

    private final Supplier<Uni<Fetched>> fetcher;
    private final Clock clock;
    private volatile Fetched current;
    private Uni<String> inflight;

    CachedSecret(Supplier<Uni<Fetched>> fetcher, Clock clock) {
        this.fetcher = fetcher;
        this.clock = clock;
    }

    Uni<String> get() {
        Fetched c = current;
        if (c != null && clock.instant().isBefore(c.refreshAt())) {
            return Uni.createFrom().item(c.value());
        }
        return refresh();
    }

    private synchronized Uni<String> refresh() {
        Fetched c = current;
        if (c != null && clock.instant().isBefore(c.refreshAt())) {
            return Uni.createFrom().item(c.value());
        }
        if (inflight == null) {
            inflight = Uni.createFrom().deferred(() -> fetcher.get())
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

    /** Forgets {@code value} (WeChat said it is no longer valid), unless a newer one replaced it meanwhile. */
    void invalidate(String value) {
        Fetched c = current;
        if (c != null && c.value().equals(value)) {
            current = null;
        }
    }
}
