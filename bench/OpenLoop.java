import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Open-loop load for POST /api/redemptions (bench/all.sh): requests leave on a fixed schedule, RATE per second,
 * whether or not earlier ones have been answered, and each latency runs from the request's scheduled send time,
 * so a stall counts for every request it delays (no coordinated omission). Loopback only, bounded in time.
 *
 * usage: java bench/OpenLoop.java BASE TOKEN CARDS_FILE GOODS_IDS RATE SECONDS [WARMUP_SECONDS=5]
 * prints: openloop rate=.. sent=.. status201=.. other=.. failed=.. p50_ms=.. p99_ms=.. p999_ms=.. max_ms=..
 * (a request without an answer within 10 s counts as failed and as slower than every answer)
 */
public class OpenLoop {

    public static void main(String[] args) throws Exception {
        URI uri = URI.create(args[0] + "/api/redemptions");
        String token = args[1];
        List<String> cards = Files.readAllLines(Path.of(args[2]));
        String[] goods = args[3].split(",");
        double rate = Double.parseDouble(args[4]);
        double seconds = Double.parseDouble(args[5]);
        double warmup = args.length > 6 ? Double.parseDouble(args[6]) : 5;
        if (!uri.getHost().equals("127.0.0.1") && !uri.getHost().equals("localhost")) {
            throw new IllegalArgumentException("loopback only: " + uri);
        }
        int skipped = (int) (warmup * rate);
        int total = skipped + (int) (seconds * rate);
        long[] latency = new long[total - skipped];
        Arrays.fill(latency, Long.MAX_VALUE); // never answered (or failed): slower than every answer
        AtomicInteger answered = new AtomicInteger();
        AtomicInteger created = new AtomicInteger();
        AtomicInteger other = new AtomicInteger();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        String run = Long.toString(System.currentTimeMillis(), 36);
        long start = System.nanoTime() + 100_000_000L;
        for (int i = 0; i < total; i++) {
            long due = start + (long) (i * 1e9 / rate);
            for (long now = System.nanoTime(); now < due; now = System.nanoTime()) {
                LockSupport.parkNanos(due - now);
            }
            ThreadLocalRandom rnd = ThreadLocalRandom.current();
            String body = "{\"qrText\":\"" + cards.get(rnd.nextInt(cards.size())) + "\",\"items\":[{\"goodsId\":"
                    + goods[rnd.nextInt(goods.length)] + ",\"quantity\":1}],\"idempotencyKey\":\"ol-" + run + "-" + i + "\"}";
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            int n = i;
            client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
                if (n >= skipped && failure == null) {
                    latency[n - skipped] = System.nanoTime() - due;
                    (response.statusCode() == 201 ? created : other).incrementAndGet();
                }
                answered.incrementAndGet();
            });
        }
        long deadline = System.nanoTime() + 11_000_000_000L;
        while (answered.get() < total && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        long[] sorted = latency.clone();
        Arrays.sort(sorted);
        int ok = created.get();
        int notCreated = other.get();
        System.out.printf("openloop rate=%.0f sent=%d status201=%d other=%d failed=%d p50_ms=%s p99_ms=%s p999_ms=%s max_ms=%s%n",
                rate, sorted.length, ok, notCreated, sorted.length - ok - notCreated, ms(sorted, 0.5), ms(sorted, 0.99),
                ms(sorted, 0.999), ms(sorted, 1.0));
        System.exit(0);
    }

    /** The q-quantile in milliseconds ("NA" when it falls on a request that was never answered). */
    static String ms(long[] sorted, double q) {
        if (sorted.length == 0) {
            return "NA";
        }
        long v = sorted[Math.max(0, (int) Math.ceil(q * sorted.length) - 1)];
        return v == Long.MAX_VALUE ? "NA" : String.format("%.2f", v / 1e6);
    }
}
