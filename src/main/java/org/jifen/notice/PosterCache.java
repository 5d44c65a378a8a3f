package org.jifen.notice;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The last few rendered poster PDFs, keyed by their ETag (notice, content hash, paper, masking, template
 * version). A published notice never changes, so on notice day a whole village downloading the poster
 * costs one rendering.
 */
@ApplicationScoped
public class PosterCache {

    private static final int MAX_ENTRIES = 12;

    private final Map<String, byte[]> entries = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    public Uni<byte[]> get(String key, Supplier<Uni<byte[]>> render) {
        byte[] hit;
        synchronized (entries) {
            hit = entries.get(key);
        }
        if (hit != null) {
            return Uni.createFrom().item(hit);
        }
        return render.get().invoke(bytes -> {
            synchronized (entries) {
                entries.put(key, bytes);
            }
        });
    }
}
