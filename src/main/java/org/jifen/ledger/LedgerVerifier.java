package org.jifen.ledger;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.jifen.points.PointsSql.*;

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

    @WithSession
    public Uni<Report> verify(long villageId) {
        List<Problem> problems = new ArrayList<>();
        int[] counts = new int[3];
        return rows("""
                SELECT p.id, p.household_id, p.seq, p.prev_hash, p.hash, posting_hash(p), p.points
                FROM posting p WHERE p.village_id = ?1 ORDER BY p.household_id, p.seq""", villageId)
                .flatMap(postings -> rows("SELECT household_id, available, seq, head_hash FROM account WHERE village_id = ?1", villageId)
                        .map(accounts -> {
                            counts[1] = postings.size();
                            checkChains(postings, accounts, problems);
                            counts[0] = accounts.size();
                            return null;
                        }))
                .flatMap(x -> rows("""
                        SELECT coalesce(e.household_id, c.household_id), coalesce(e.period, c.period), e.points, c.points
                        FROM (SELECT household_id, period, points FROM earned_points WHERE village_id = ?1) e
                        FULL JOIN (
                            SELECT household_id, period, sum(points) AS points FROM (
                                SELECT household_id, month AS period, points FROM posting WHERE village_id = ?1 AND type IN ('EARN','BONUS','ADJUST')
                                UNION ALL
                                SELECT household_id, left(month, 4) || '-Q' || ((substr(month, 6, 2)::int + 2) / 3), points FROM posting
                                    WHERE village_id = ?1 AND type IN ('EARN','BONUS','ADJUST')
                                UNION ALL
                                SELECT household_id, left(month, 4), points FROM posting WHERE village_id = ?1 AND type IN ('EARN','BONUS','ADJUST')
                            ) u GROUP BY household_id, period) c
                        ON c.household_id = e.household_id AND c.period = e.period
                        WHERE coalesce(e.points, 0) <> coalesce(c.points, 0)
                        ORDER BY 1, 2""", villageId))
                .invoke(diffs -> diffs.forEach(d -> problems.add(new Problem("earned", lng(d[0]), null, null, str(d[1]),
                        "累计积分 " + integer(d[2]) + "，按流水重算应为 " + integer(d[3])))))
                .flatMap(x -> rows("""
                        SELECT c.month, c.seal, c.prev_seal, h.household_id, h.seq, h.head_hash, p.hash
                        FROM month_close c
                        LEFT JOIN month_seal_head h ON h.village_id = c.village_id AND h.month = c.month
                        LEFT JOIN posting p ON p.household_id = h.household_id AND p.seq = h.seq
                        WHERE c.village_id = ?1 ORDER BY c.closed_at, c.month, h.household_id""", villageId))
                .map(seals -> {
                    counts[2] = checkSeals(villageId, seals, problems);
                    Problem first = problems.stream().filter(p -> p.kind().startsWith("chain")).findFirst().orElse(null);
                    return new Report(villageId, problems.isEmpty(), counts[0], counts[1], counts[2], first, problems);
                });
    }

    private static void checkChains(List<Object[]> postings, List<Object[]> accounts, List<Problem> problems) {
        Map<Long, Object[]> byHousehold = new HashMap<>();
        accounts.forEach(a -> byHousehold.put(lng(a[0]), a));
        Map<Long, long[]> seen = new HashMap<>(); // household -> {lastSeq, sum}
        Map<Long, String> heads = new HashMap<>();
        Map<Long, Boolean> broken = new HashMap<>();
        long current = -1;
        long expectedSeq = 0;
        String prevHash = "";
        for (Object[] p : postings) {
            long id = lng(p[0]);
            long household = lng(p[1]);
            long seq = lng(p[2]);
            if (household != current) {
                current = household;
                expectedSeq = 1;
                prevHash = "";
            }
            long[] s = seen.computeIfAbsent(household, k -> new long[2]);
            s[0] = seq;
            s[1] += integer(p[6]);
            heads.put(household, str(p[4]));
            if (broken.containsKey(household)) {
                expectedSeq = seq + 1;
                prevHash = str(p[4]);
                continue;
            }
            String problem = null;
            if (seq != expectedSeq) {
                problem = "chain.missing";
            } else if (!prevHash.equals(str(p[3]))) {
                problem = "chain.prev-hash";
            } else if (!str(p[4]).equals(str(p[5]))) {
                problem = "chain.hash";
            }
            if (problem != null) {
                broken.put(household, true);
                String detail = switch (problem) {
                    case "chain.missing" -> "序号应为 " + expectedSeq + "，实为 " + seq + "：之前的流水被删除";
                    case "chain.prev-hash" -> "前一哈希不符：之前的流水被改动或删除";
                    default -> "内容与哈希不符：该流水被改动";
                };
                problems.add(new Problem(problem, household, id, seq, null, detail));
            }
            expectedSeq = seq + 1;
            prevHash = str(p[4]);
        }
        for (Object[] a : accounts) {
            long household = lng(a[0]);
            long[] s = seen.getOrDefault(household, new long[2]);
            if (s[1] != integer(a[1])) {
                problems.add(new Problem("balance", household, null, null, null,
                        "可用积分 " + integer(a[1]) + "，按流水重算应为 " + s[1]));
            }
            if (lng(a[2]) != s[0] || !str(a[3]).equals(heads.getOrDefault(household, ""))) {
                if (!broken.containsKey(household)) {
                    problems.add(new Problem("chain.head", household, null, lng(a[2]), null,
                            "账户记录的链头（序号 " + lng(a[2]) + "）与最后一条流水（序号 " + s[0] + "）不符：最后的流水被删除或改动"));
                }
            }
        }
        seen.keySet().stream().filter(h -> !byHousehold.containsKey(h)).forEach(h ->
                problems.add(new Problem("balance", h, null, null, null, "有流水但没有账户")));
    }

    private static int checkSeals(long villageId, List<Object[]> rows, List<Problem> problems) {
        Map<String, List<Object[]>> byMonth = new java.util.LinkedHashMap<>();
        rows.forEach(r -> byMonth.computeIfAbsent(str(r[0]), k -> new ArrayList<>()).add(r));
        String previous = "";
        for (var e : byMonth.entrySet()) {
            String month = e.getKey();
            Object[] first = e.getValue().get(0);
            String seal = str(first[1]);
            List<Seal.Head> heads = new ArrayList<>();
            for (Object[] r : e.getValue()) {
                if (r[3] == null) {
                    continue;
                }
                heads.add(new Seal.Head(lng(r[3]), lng(r[4]), str(r[5])));
                if (r[6] == null || !str(r[6]).equals(str(r[5]))) {
                    problems.add(new Problem("seal.head", lng(r[3]), null, lng(r[4]), month,
                            "封存时的链头（序号 " + lng(r[4]) + "）已不在链中或被改动"));
                }
            }
            if (!previous.equals(str(first[2]))) {
                problems.add(new Problem("seal.order", null, null, null, month, "月度封存的前一封存值不符"));
            }
            if (!Seal.of(villageId, month, str(first[2]), heads).equals(seal)) {
                problems.add(new Problem("seal", null, null, null, month, "月度封存值与记录的链头不符"));
            }
            previous = seal;
        }
        return byMonth.size();
    }
}
