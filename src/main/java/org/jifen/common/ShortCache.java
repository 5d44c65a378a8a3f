package org.jifen.common;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.smallrye.mutiny.Uni;

import java.time.Duration;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Answers kept in memory for a few seconds, for reads asked far more often than their data change. An answer is
 * used again only while {@code writes} (see {@link LocalWrites}) has not moved since it was read, and at most
 * {@code keep}: other replicas' writes show when it expires, so keep it short; zero keeps nothing. Concurrent
 * misses of one key each load it (no coalescing): the loads are single cheap queries.
 */
public final class ShortCache<K, V> {

    private record Kept<V>(V value, long writes) {
    }

    private final Cache<K, Kept<V>> cache;
    private final LongSupplier writes;

    public ShortCache(Duration keep, Ticker ticker, long maxEntries, LongSupplier writes) {
        this.cache = keep.isZero() ? null
                : Caffeine.newBuilder().expireAfterWrite(keep).ticker(ticker).maximumSize(maxEntries).build();
        this.writes = writes;
    }

    public Uni<V> get(K key, Function<K, Uni<V>> load) {
        if (cache == null) {
            return load.apply(key);
        }
        long now = writes.getAsLong();  // read before loading: a write during the load makes the answer stale
        Kept<V> hit = cache.getIfPresent(key);
        if (hit != null && hit.writes() == now) {
            return Uni.createFrom().item(hit.value());
        }
        return load.apply(key).invoke(v -> cache.put(key, new Kept<>(v, now)));
    }
}
