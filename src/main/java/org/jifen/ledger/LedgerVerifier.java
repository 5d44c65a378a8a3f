package org.jifen.ledger;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jifen.common.db.Sql;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Recomputes a village's ledger from its postings: every chain link (sequence, previous hash, the hash
 * itself by {@code posting_hash()}), each account's available points and head, every earned figure, and
 * every month seal. Reports the first broken link and every difference.
 */
@ApplicationScoped
public class LedgerVerifier {

    public record Problem(String kind, Long householdId, Long postingId, Long seq, String month, String detail) {
    }

    public record Report(long villageId, boolean ok, int households, int postings, int seals, Problem firstBrokenLink,
                         List<Problem> problems) {
    }

    /** A posting as stored, with the hash recomputed from its content. */
    private record Link(long id, long householdId, long seq, String prevHash, String hash, String recomputed, int points) {
    }

    private record Account(long householdId, int available, long seq, String headHash) {
    }

    /** An earned figure that differs from the sum of its postings. */
    private record EarnedDiff(long householdId, String period, int recorded, int recomputed) {
    }

    /** One recorded head of a month seal (household null for a month sealed without postings). */
    private record SealHead(String month, String seal, String prevSeal, Long householdId, Long seq, String headHash,
                            String postingHash) {
    }

    @Inject
    Pool pool;

    public Uni<Report> verify(long villageId) {
        List<Problem> problems = new ArrayList<>();
        int[] counts = new int[3];
        return Sql.list(pool, """
                SELECT p.id, p.household_id, p.seq, p.prev_hash, p.hash, posting_hash(p) AS recomputed, p.points
                FROM posting p WHERE p.village_id = $1 ORDER BY p.household_id, p.seq""", Sql.args(villageId),
                r -> new Link(r.getLong("id"), r.getLong("household_id"), r.getLong("seq"), r.getString("prev_hash"),
                        r.getString("hash"), r.getString("recomputed"), r.getInteger("points")))
                .flatMap(links -> Sql.list(pool, "SELECT household_id, available, seq, head_hash FROM account WHERE village_id = $1",
                                Sql.args(villageId), r -> new Account(r.getLong("household_id"), r.getInteger("available"),
                                        r.getLong("seq"), r.getString("head_hash")))
                        .invoke(accounts -> {
                            counts[1] = links.size();
                            checkChains(links, accounts, problems);
                            counts[0] = accounts.size();
                        }))
                .flatMap(x -> Sql.list(pool, """
                        SELECT coalesce(e.household_id, c.household_id) AS household_id, coalesce(e.period, c.period) AS period,
                               coalesce(e.points, 0) AS recorded, coalesce(c.points, 0) AS recomputed
                        FROM (SELECT household_id, period, points FROM earned_points WHERE village_id = $1) e
                        FULL JOIN (
                            SELECT household_id, period, sum(points) AS points FROM (
                                SELECT household_id, month AS period, points FROM posting WHERE village_id = $1 AND type IN ('EARN','BONUS','ADJUST')
                                UNION ALL
                                SELECT household_id, left(month, 4) || '-Q' || ((substr(month, 6, 2)::int + 2) / 3), points FROM posting
                                    WHERE village_id = $1 AND type IN ('EARN','BONUS','ADJUST')
                                UNION ALL
                                SELECT household_id, left(month, 4), points FROM posting WHERE village_id = $1 AND type IN ('EARN','BONUS','ADJUST')
                            ) u GROUP BY household_id, period) c
                        ON c.household_id = e.household_id AND c.period = e.period
                        WHERE coalesce(e.points, 0) <> coalesce(c.points, 0)
                        ORDER BY 1, 2""", Sql.args(villageId),
                        r -> new EarnedDiff(r.getLong("household_id"), r.getString("period"), r.getInteger("recorded"),
                                r.getInteger("recomputed"))))
                .invoke(diffs -> diffs.forEach(d -> problems.add(new Problem("earned", d.householdId(), null, null, d.period(),
                        "累计积分 " + d.recorded() + "，按流水重算应为 " + d.recomputed()))))
                .flatMap(x -> Sql.list(pool, """
                        SELECT c.month, c.seal, c.prev_seal, h.household_id, h.seq, h.head_hash, p.hash AS posting_hash
                        FROM month_close c
                        LEFT JOIN month_seal_head h ON h.village_id = c.village_id AND h.month = c.month
                        LEFT JOIN posting p ON p.household_id = h.household_id AND p.seq = h.seq
                        WHERE c.village_id = $1 ORDER BY c.closed_at, c.month, h.household_id""", Sql.args(villageId),
                        r -> new SealHead(r.getString("month"), r.getString("seal"), r.getString("prev_seal"),
                                r.getLong("household_id"), r.getLong("seq"), r.getString("head_hash"), r.getString("posting_hash"))))
                .map(seals -> {
                    counts[2] = checkSeals(villageId, seals, problems);
                    Problem first = problems.stream().filter(p -> p.kind().startsWith("chain")).findFirst().orElse(null);
                    return new Report(villageId, problems.isEmpty(), counts[0], counts[1], counts[2], first, problems);
                });
    }

    private static void checkChains(List<Link> links, List<Account> accounts, List<Problem> problems) {
        Map<Long, Account> byHousehold = new HashMap<>();
        accounts.forEach(a -> byHousehold.put(a.householdId(), a));
        Map<Long, long[]> seen = new HashMap<>(); // household -> {lastSeq, sum}
        Map<Long, String> heads = new HashMap<>();
        Map<Long, Boolean> broken = new HashMap<>();
        long current = -1;
        long expectedSeq = 0;
        String prevHash = "";
        for (Link p : links) {
            long household = p.householdId();
            long seq = p.seq();
            if (household != current) {
                current = household;
                expectedSeq = 1;
                prevHash = "";
            }
            long[] s = seen.computeIfAbsent(household, k -> new long[2]);
            s[0] = seq;
            s[1] += p.points();
            heads.put(household, p.hash());
            if (broken.containsKey(household)) {
                expectedSeq = seq + 1;
                prevHash = p.hash();
                continue;
            }
            String problem = null;
            if (seq != expectedSeq) {
                problem = "chain.missing";
            } else if (!prevHash.equals(p.prevHash())) {
                problem = "chain.prev-hash";
            } else if (!p.hash().equals(p.recomputed())) {
                problem = "chain.hash";
            }
            if (problem != null) {
                broken.put(household, true);
                String detail = switch (problem) {
                    case "chain.missing" -> "序号应为 " + expectedSeq + "，实为 " + seq + "：之前的流水被删除";
                    case "chain.prev-hash" -> "前一哈希不符：之前的流水被改动或删除";
                    default -> "内容与哈希不符：该流水被改动";
                };
                problems.add(new Problem(problem, household, p.id(), seq, null, detail));
            }
            expectedSeq = seq + 1;
            prevHash = p.hash();
        }
        for (Account a : accounts) {
            long household = a.householdId();
            long[] s = seen.getOrDefault(household, new long[2]);
            if (s[1] != a.available()) {
                problems.add(new Problem("balance", household, null, null, null,
                        "可用积分 " + a.available() + "，按流水重算应为 " + s[1]));
            }
            if (a.seq() != s[0] || !a.headHash().equals(heads.getOrDefault(household, ""))) {
                if (!broken.containsKey(household)) {
                    problems.add(new Problem("chain.head", household, null, a.seq(), null,
                            "账户记录的链头（序号 " + a.seq() + "）与最后一条流水（序号 " + s[0] + "）不符：最后的流水被删除或改动"));
                }
            }
        }
        seen.keySet().stream().filter(h -> !byHousehold.containsKey(h)).forEach(h ->
                problems.add(new Problem("balance", h, null, null, null, "有流水但没有账户")));
    }

    private static int checkSeals(long villageId, List<SealHead> rows, List<Problem> problems) {
        Map<String, List<SealHead>> byMonth = new LinkedHashMap<>();
        rows.forEach(r -> byMonth.computeIfAbsent(r.month(), k -> new ArrayList<>()).add(r));
        String previous = "";
        for (var e : byMonth.entrySet()) {
            String month = e.getKey();
            SealHead first = e.getValue().get(0);
            List<Seal.Head> heads = new ArrayList<>();
            for (SealHead r : e.getValue()) {
                if (r.householdId() == null) {
                    continue;
                }
                heads.add(new Seal.Head(r.householdId(), r.seq(), r.headHash()));
                if (r.postingHash() == null || !r.postingHash().equals(r.headHash())) {
                    problems.add(new Problem("seal.head", r.householdId(), null, r.seq(), month,
                            "封存时的链头（序号 " + r.seq() + "）已不在链中或被改动"));
                }
            }
            if (!previous.equals(first.prevSeal())) {
                problems.add(new Problem("seal.order", null, null, null, month, "月度封存的前一封存值不符"));
            }
            if (!Seal.of(villageId, month, first.prevSeal(), heads).equals(first.seal())) {
                problems.add(new Problem("seal", null, null, null, month, "月度封存值与记录的链头不符"));
            }
            previous = first.seal();
        }
        return byMonth.size();
    }
}
