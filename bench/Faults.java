import java.io.BufferedWriter;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The clients of bench/faults.sh: CLIENTS threads in a closed loop against the app, each doing redemptions (5 % of
 * them scanned twice at once with one key), top-ups (ADJUST postings tagged {@code faults:<tag>}) and reversals of
 * its own redemptions; a redemption or reversal whose answer did not come (connection refused or reset, time-out,
 * 503) is sent again with the same key until it gets one. Runs until the file STOP exists (or HARD_SECONDS), then
 * finishes what is under way for at most GRACE_SECONDS. Every attempt is one CSV line of OUT, for the checker:
 * kind,op,household,attempt,status,code,redemption_id,total_points,available_after,points,at_ms,copy
 * with status 0 = connection refused, -1 = other I/O error (reset, closed), -2 = time-out.
 *
 * usage: java bench/Faults.java key=value... (see bench/faults.sh); JDK 17, no build, loopback only.
 */
public class Faults {

    record Card(long household, String qr) {
    }

    record Answer(int status, String body) {
    }

    static final Pattern NUMBER = Pattern.compile("\"(id|totalPoints|availableAfter|points|householdId)\"\\s*:\\s*(-?\\d+)");
    static final Pattern CODE = Pattern.compile("\"code\"\\s*:\\s*\"([^\"]*)\"");
    static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]*)\"");

    final Map<String, String> conf;
    final String base;
    final List<Card> cards = new ArrayList<>();
    final List<Long> goods = new ArrayList<>();
    final HttpClient http;
    final BufferedWriter out;
    final Path stopFile;
    final long hardDeadline;
    final long graceMillis;
    volatile long finishBy = Long.MAX_VALUE;  // set when STOP appears: ops under way must end by then
    final String month = YearMonth.now(ZoneId.of("Asia/Shanghai")).toString();
    final String run = Long.toString(System.currentTimeMillis(), 36);
    final Map<String, String> tokens = new HashMap<>();
    final AtomicLong requests = new AtomicLong();
    final long maxRequests;
    final ExecutorService twins;

    Faults(Map<String, String> conf) throws IOException {
        this.conf = conf;
        base = conf.get("base");
        for (String line : Files.readAllLines(Path.of(conf.get("cards")))) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 2) {
                cards.add(new Card(Long.parseLong(f[0]), f[1]));
            }
        }
        for (String g : conf.get("goods").split(",")) {
            goods.add(Long.parseLong(g.trim()));
        }
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
        out = Files.newBufferedWriter(Path.of(conf.get("out")));
        stopFile = Path.of(conf.get("stop"));
        hardDeadline = System.currentTimeMillis() + 1000L * Long.parseLong(conf.getOrDefault("hard_seconds", "600"));
        graceMillis = 1000L * Long.parseLong(conf.getOrDefault("grace_seconds", "30"));
        maxRequests = Long.parseLong(conf.getOrDefault("max_requests", "2000000"));
        twins = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "twin");
            t.setDaemon(true);
            return t;
        });
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> conf = new HashMap<>();
        for (String a : args) {
            int eq = a.indexOf('=');
            conf.put(a.substring(0, eq), a.substring(eq + 1));
        }
        new Faults(conf).go(Integer.parseInt(conf.getOrDefault("clients", "16")));
    }

    void go(int clients) throws Exception {
        login("clerk");
        login("secretary");
        System.out.println("clients started: " + clients);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            int id = i;
            Thread t = new Thread(() -> client(id), "client-" + i);
            t.start();
            threads.add(t);
        }
        Thread watcher = new Thread(() -> {
            while (finishBy == Long.MAX_VALUE) {
                if (Files.exists(stopFile) || System.currentTimeMillis() > hardDeadline || requests.get() > maxRequests) {
                    finishBy = Math.min(System.currentTimeMillis() + graceMillis, hardDeadline + graceMillis);
                }
                sleep(100);
            }
        }, "watcher");
        watcher.setDaemon(true);
        watcher.start();
        for (Thread t : threads) {
            t.join();
        }
        synchronized (out) {
            out.close();
        }
        System.out.println("clients done: requests=" + requests.get());
        System.exit(0);
    }

    boolean stopping() {
        return finishBy != Long.MAX_VALUE;
    }

    void client(int id) {
        Random rnd = new Random(id * 7919L + System.nanoTime());
        List<Long> mine = new ArrayList<>();  // redemptions this client saw succeed, not yet reversed by it
        long n = 0;
        while (!stopping()) {
            n++;
            String op = run + "-" + id + "-" + n;
            double r = rnd.nextDouble();
            if (r < 0.06) {
                adjust(op, rnd);
            } else if (r < 0.08 && !mine.isEmpty()) {
                reverse(op, mine.remove(rnd.nextInt(mine.size())));
            } else {
                Long rid = redeem(op, rnd);
                if (rid != null && !mine.contains(rid)) {
                    mine.add(rid);
                }
            }
        }
    }

    /** One redemption (a double scan: twice at once with one key); the redemption id if any answer was a success. */
    Long redeem(String key, Random rnd) {
        Card card = cards.get(rnd.nextInt(cards.size()));
        StringBuilder items = new StringBuilder();
        List<Long> picked = new ArrayList<>();
        int lines = 1 + rnd.nextInt(2);
        while (picked.size() < lines) {
            long g = goods.get(rnd.nextInt(goods.size()));
            if (!picked.contains(g)) {
                picked.add(g);
                items.append(items.length() == 0 ? "" : ",")
                        .append("{\"goodsId\":").append(g).append(",\"quantity\":").append(1 + rnd.nextInt(2)).append('}');
            }
        }
        String body = "{\"qrText\":\"" + card.qr() + "\",\"items\":[" + items + "],\"idempotencyKey\":\"" + key + "\"}";
        boolean twice = rnd.nextDouble() < 0.05;
        CompletableFuture<Answer> twin = twice
                ? CompletableFuture.supplyAsync(() -> untilAnswered("redeem", key, card.household(), "/api/redemptions", body, "clerk", 1, true), twins)
                : null;
        Answer a = untilAnswered("redeem", key, card.household(), "/api/redemptions", body, "clerk", 0, true);
        Answer b = twin == null ? null : twin.join();
        Long rid = success(a);
        return rid != null ? rid : success(b);
    }

    static Long success(Answer a) {
        if (a == null || (a.status() != 200 && a.status() != 201)) {
            return null;
        }
        String id = field(a.body(), "id");
        return id == null ? null : Long.parseLong(id);
    }

    /** A top-up: not idempotent, so sent again only when it cannot have reached the app (connection refused). */
    void adjust(String tag, Random rnd) {
        Card card = cards.get(rnd.nextInt(cards.size()));
        int points = 10 + rnd.nextInt(51);
        String body = "{\"points\":" + points + ",\"month\":\"" + month + "\",\"reason\":\"faults:" + tag + "\"}";
        untilAnswered("adjust", tag, card.household(), "/api/households/" + card.household() + "/adjustments", body,
                "secretary", 0, false);
    }

    /** A reversal is safe to send again: a second one is 409 shop.already-reversed. */
    void reverse(String op, long redemptionId) {
        untilAnswered("reverse", Long.toString(redemptionId), 0, "/api/redemptions/" + redemptionId + "/reverse",
                "{\"reason\":\"faults:" + op + "\"}", "secretary", 0, true);
    }

    /** Sends until an answer that settles it; every attempt is recorded. Null when it never got one. */
    Answer untilAnswered(String kind, String op, long household, String path, String body, String role, int copy,
                         boolean retryUnknown) {
        Answer last = null;
        for (int attempt = 1; ; attempt++) {
            long at = System.currentTimeMillis();
            Answer a = post(path, body, token(role));
            last = a;
            record(kind, op, household, attempt, a, at, copy);
            boolean refused = a.status() == 0;
            boolean unknown = a.status() < 0 || a.status() == 502 || a.status() == 503 || a.status() == 504 || a.status() == 500;
            if (a.status() == 401) {
                relogin(role);
            } else if (!(refused || (unknown && retryUnknown))) {
                return a;
            }
            if (System.currentTimeMillis() > finishBy || System.currentTimeMillis() > hardDeadline + graceMillis) {
                return last;
            }
            sleep(Math.min(1000, 100L * attempt));
        }
    }

    Answer post(String path, String body, String token) {
        requests.incrementAndGet();
        HttpRequest.Builder rb = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            rb.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> r = http.send(rb.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body());
        } catch (HttpTimeoutException e) {
            return new Answer(-2, e.toString());
        } catch (ConnectException e) {
            return new Answer(0, e.toString());
        } catch (IOException e) {
            return new Answer(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(-1, e.toString());
        }
    }

    void record(String kind, String op, long household, int attempt, Answer a, long at, int copy) {
        String code = a.status() >= 400 ? field(a.body(), "code") : null;
        boolean ok = a.status() == 200 || a.status() == 201;
        String rid = null, total = null, after = null, points = null;
        if (ok && kind.equals("redeem")) {
            rid = field(a.body(), "id");
            total = field(a.body(), "totalPoints");
            after = field(a.body(), "availableAfter");
            String h = field(a.body(), "householdId");
            household = h == null ? -1 : Long.parseLong(h);
        } else if (ok && kind.equals("adjust")) {
            rid = field(a.body(), "id");
            points = field(a.body(), "points");
        } else if (ok && kind.equals("reverse")) {
            after = field(a.body(), "availableAfter");
        }
        String line = String.join(",", kind, op, Long.toString(household), Integer.toString(attempt),
                Integer.toString(a.status()), code == null ? "" : code, n(rid), n(total), n(after), n(points),
                Long.toString(at), Integer.toString(copy));
        synchronized (out) {
            try {
                out.write(line);
                out.newLine();
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        }
    }

    static String n(String s) {
        return s == null ? "" : s;
    }

    static String field(String body, String name) {
        if (name.equals("code")) {
            Matcher m = CODE.matcher(body);
            return m.find() ? m.group(1) : null;
        }
        Matcher m = NUMBER.matcher(body);
        while (m.find()) {
            if (m.group(1).equals(name)) {
                return m.group(2);
            }
        }
        return null;
    }

    String token(String role) {
        synchronized (tokens) {
            return tokens.get(role);
        }
    }

    void relogin(String role) {
        login(role);
    }

    /** Logs in the role's user (retrying while the app is away). */
    void login(String role) {
        String body = "{\"username\":\"" + conf.get(role + "_user") + "\",\"password\":\"" + conf.get(role + "_password") + "\"}";
        for (int attempt = 1; System.currentTimeMillis() < hardDeadline + graceMillis; attempt++) {
            long at = System.currentTimeMillis();
            Answer a = post("/api/login", body, null);
            record("login", role, 0, attempt, a, at, 0);
            Matcher m = TOKEN.matcher(a.body());
            if (a.status() == 200 && m.find()) {
                synchronized (tokens) {
                    tokens.put(role, m.group(1));
                }
                return;
            }
            sleep(500);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
