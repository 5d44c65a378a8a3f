package org.jifen.common;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.smallrye.mutiny.Uni;

import java.time.Duration;
import java.util.function.Function;

/**
 * Answers kept in memory for a few seconds, for reads that are asked far more often than they change. Other
 * replicas see a change only when the entry expires, so {@code keep} must stay short; zero keeps nothing.
 * Concurrent misses of one key each load it (no coalescing): the loads are single cheap queries.
 */
public final class ShortCache<K, V> {

    private final Cache<K, V> cache;

    public ShortCache(Duration keep, Ticker ticker, long maxEntries) {
        this.cache = keep.isZero() ? null
                : Caffeine.newBuilder().expireAfterWrite(keep).ticker(ticker).maximumSize(maxEntries).build();
    }

    public Uni<V> get(K key, Function<K, Uni<V>> load) {
        if (cache == null) {
            return load.apply(key);
        }
        V hit = cache.getIfPresent(key);
        return hit != null ? Uni.createFrom().item(hit) : load.apply(key).invoke(v -> cache.put(key, v));
    }

    public void invalidate(K key) {
        if (cache != null) {
            cache.invalidate(key);
        }
    }
}
