package org.jifen.villagerating;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.EnumMap;
import java.util.Map;

/**
 * The village rating (文明信用村) arithmetic, framework free. Each measure is a ratio {@code done / of} between 0 and 1;
 * the score is the weighted mean of the measures a village has, times 100:
 * <pre>score = 100 × Σ wᵢ·doneᵢ/ofᵢ / Σ wᵢ   (over the measures with ofᵢ &gt; 0)</pre>
 * A measure with nothing to count ({@code of = 0}: no spot check, no inspection, no objection, ...) is left out and the
 * other weights carry the score (re-normalised), so a village is neither rewarded nor punished for what the town did
 * not look at. The score is rounded half up to one decimal, computed exactly (no floating point), and the grade is
 * read from the rounded score: at least {@code excellent} → 文明信用村, at least {@code good} → 良好, else 待改进. With no
 * measure at all (or only measures weighted 0) there is no score and the grade is 未评定.
 */
public record VillageRatingRule(Map<Measure, Integer> weights, int excellent, int good) {

    /** The measures, in display order, with their stable code and Chinese label. */
    public enum Measure {
        PARTICIPATION("participation", "参与率"),
        LEDGER("ledger", "台账完整率"),
        SPOT_CHECKS("spotChecks", "抽查相符率"),
        OBJECTIONS("objections", "异议按时答复率"),
        SHOP_INSPECTIONS("shopInspections", "超市检查合格率");

        public final String code;
        public final String label;

        Measure(String code, String label) {
            this.code = code;
            this.label = label;
        }
    }

    /** The grades, best first. */
    public enum Grade {
        EXCELLENT("文明信用村"),
        GOOD("良好"),
        IMPROVE("待改进"),
        NONE("未评定");

        public final String label;

        Grade(String label) {
            this.label = label;
        }
    }

    /** {@code done} of {@code of}; {@code of = 0} means the measure is missing (nothing to count). */
    public record Ratio(int done, int of) {

        public static final Ratio NONE = new Ratio(0, 0);

        public Ratio {
            if (of < 0 || done < 0 || done > of) {
                throw new IllegalArgumentException("ratio must satisfy 0 <= done <= of, was " + done + "/" + of);
            }
        }

        public boolean missing() {
            return of == 0;
        }

        /** The ratio in per cent, rounded half up to one decimal; null when missing. */
        public BigDecimal percent() {
            return missing() ? null : new BigDecimal(done * 1000L).divide(BigDecimal.valueOf(of), 0, RoundingMode.HALF_UP).movePointLeft(1);
        }
    }

    /** A village's score (null when it has no measure) and grade. */
    public record Result(BigDecimal score, Grade grade) {
    }

    public static final Map<Measure, Integer> DEFAULT_WEIGHTS = Map.of(Measure.PARTICIPATION, 30, Measure.LEDGER, 25,
            Measure.SPOT_CHECKS, 20, Measure.OBJECTIONS, 10, Measure.SHOP_INSPECTIONS, 15);

    public static final VillageRatingRule DEFAULT = new VillageRatingRule(DEFAULT_WEIGHTS, 90, 75);

    public VillageRatingRule {
        Map<Measure, Integer> w = new EnumMap<>(Measure.class);
        for (Measure m : Measure.values()) {
            Integer v = weights.get(m);
            if (v == null || v < 0) {
                throw new IllegalArgumentException("weight of " + m + " must be given and not negative");
            }
            w.put(m, v);
        }
        weights = Map.copyOf(w);
    }

    public Result rate(Map<Measure, Ratio> measures) {
        // score × 10 = 1000 × Σ wᵢ·dᵢ/oᵢ / W, exactly: over the common denominator L = Π oᵢ
        BigInteger common = BigInteger.ONE;
        for (Measure m : Measure.values()) {
            Ratio r = measures.getOrDefault(m, Ratio.NONE);
            if (!r.missing() && weights.get(m) > 0) {
                common = common.multiply(BigInteger.valueOf(r.of()));
            }
        }
        BigInteger num = BigInteger.ZERO;
        long totalWeight = 0;
        for (Measure m : Measure.values()) {
            Ratio r = measures.getOrDefault(m, Ratio.NONE);
            int w = weights.get(m);
            if (r.missing() || w == 0) {
                continue;
            }
            totalWeight += w;
            num = num.add(BigInteger.valueOf((long) w * r.done()).multiply(common).divide(BigInteger.valueOf(r.of())));
        }
        if (totalWeight == 0) {
            return new Result(null, Grade.NONE);
        }
        BigInteger n = num.multiply(BigInteger.valueOf(1000));
        BigInteger d = common.multiply(BigInteger.valueOf(totalWeight));
        // round half up: floor((2n + d) / 2d)
        BigInteger tenths = n.shiftLeft(1).add(d).divide(d.shiftLeft(1));
        BigDecimal score = new BigDecimal(tenths, 1);
        return new Result(score, grade(score));
    }

    public Grade grade(BigDecimal score) {
        if (score == null) {
            return Grade.NONE;
        }
        if (score.compareTo(BigDecimal.valueOf(excellent)) >= 0) {
            return Grade.EXCELLENT;
        }
        return score.compareTo(BigDecimal.valueOf(good)) >= 0 ? Grade.GOOD : Grade.IMPROVE;
    }
}
