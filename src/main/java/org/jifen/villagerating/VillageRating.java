package org.jifen.villagerating;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * One village's rating (文明信用村) in a year: its measures (by code: {@code participation}, {@code ledger},
 * {@code spotChecks}, {@code objections}, {@code shopInspections}), the score 0–100 (one decimal; null when the village
 * has no measure), the grade ({@code EXCELLENT}, {@code GOOD}, {@code IMPROVE}, {@code NONE}) and whether it is the
 * published (frozen) rating or the live computation.
 */
public record VillageRating(long villageId, String code, String name, Map<String, Measure> measures, BigDecimal score,
                            String grade, String gradeLabel, boolean published) {

    /**
     * One measure: {@code done} of {@code of}, as a percentage (one decimal); {@code missing} when there was nothing to
     * count (then it is left out of the score); {@code weight} as set for the year.
     */
    public record Measure(String code, String label, int weight, int done, int of, BigDecimal percent, boolean missing) {
    }

    /** The measures in display order (for pages and files). */
    @JsonIgnore
    public List<Measure> measureList() {
        return List.copyOf(measures.values());
    }
}
