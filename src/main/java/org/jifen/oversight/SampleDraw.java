package org.jifen.oversight;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The spot check's draw (督查抽查), specified here and in the README so that an auditor can recompute it by hand or in a
 * few lines of any language. Pure: no clock, no {@code java.util.Random}, no database.
 * <ol>
 * <li>Population: the ids of the village's active households, ascending (stored with the spot check).</li>
 * <li>Key: the UTF-8 text {@code jifen-spot-check-v1:<villageId>:<from>:<to>:<seed>} (dates {@code 2026-03-01},
 * seed in decimal, e.g. {@code jifen-spot-check-v1:7:2026-01-01:2026-03-31:20260415}).</li>
 * <li>The c-th random number (c = 0, 1, 2...): the first 8 bytes of SHA-256 of {@code <key>:<c>} read as a big-endian
 * unsigned integer, shifted right by one bit (63 bits).</li>
 * <li>{@code uniform(b)} (0 &le; result &lt; b): take the next number r; if r falls in the incomplete last block of
 * b-sized blocks below 2^63 (r - r mod b &gt; 2^63 - b) take another, else answer r mod b. No modulo bias.</li>
 * <li>Fisher–Yates from the front: for i = 0 .. k-1, j = i + uniform(n - i), swap a[i] and a[j]. The sample is a[0..k),
 * k = min(size, n), in that order.</li>
 * </ol>
 * A bigger sample with the same key starts with the smaller one. The period and the village are in the key, so one seed
 * used for two checks does not draw the same positions twice.
 */
public final class SampleDraw {

    private static final long TOP = Long.MAX_VALUE; // 2^63 - 1

    private final String key;
    private long counter;

    private SampleDraw(String key) {
        this.key = key;
    }

    /** The key text of step 2. */
    public static String key(long villageId, LocalDate from, LocalDate to, long seed) {
        return "jifen-spot-check-v1:" + villageId + ":" + from + ":" + to + ":" + seed;
    }

    /** The first {@code min(size, population.size())} households of the shuffle, in draw order. */
    public static List<Long> draw(List<Long> population, int size, long villageId, LocalDate from, LocalDate to, long seed) {
        long[] a = population.stream().mapToLong(Long::longValue).sorted().toArray();
        int k = Math.min(Math.max(size, 0), a.length);
        SampleDraw random = new SampleDraw(key(villageId, from, to, seed));
        List<Long> out = new ArrayList<>(k);
        for (int i = 0; i < k; i++) {
            int j = i + (int) random.uniform(a.length - i);
            long t = a[i];
            a[i] = a[j];
            a[j] = t;
            out.add(a[i]);
        }
        return out;
    }

    /** Step 3: the next 63-bit number of the key's stream. */
    long next() {
        byte[] h = sha256((key + ":" + counter++).getBytes(StandardCharsets.UTF_8));
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (h[i] & 0xff);
        }
        return v >>> 1;
    }

    /** Step 4: 0 &le; result &lt; bound, without modulo bias. */
    long uniform(long bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound " + bound);
        }
        while (true) {
            long r = next();
            long m = r % bound;
            if (r - m <= TOP - bound + 1) { // r's block of size bound lies wholly below 2^63
                return m;
            }
        }
    }

    private static byte[] sha256(byte[] in) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(in);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
