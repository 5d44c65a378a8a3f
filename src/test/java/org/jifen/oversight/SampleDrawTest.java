package org.jifen.oversight;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.*;

class SampleDrawTest {

    static final LocalDate FROM = LocalDate.parse("2026-01-01");
    static final LocalDate TO = LocalDate.parse("2026-03-31");
    static final List<Long> THIRTY = LongStream.rangeClosed(101, 130).boxed().toList();

    @Test
    void shouldDrawWhatTheDocumentedAlgorithmGivesInAnotherLanguage() {
        // computed by the README's 15-line Python version of the algorithm
        assertEquals(List.of(115L, 130L, 102L, 128L, 112L), SampleDraw.draw(THIRTY, 5, 7, FROM, TO, 20260415L));
        assertEquals(List.of(122L, 115L, 117L, 125L, 120L), SampleDraw.draw(THIRTY, 5, 7, FROM, TO, 20260416L));
    }

    @Test
    void shouldDrawTheSameSampleForTheSameSeedWhateverTheOrderOfThePopulation() {
        List<Long> shuffled = new java.util.ArrayList<>(THIRTY);
        java.util.Collections.reverse(shuffled);
        assertEquals(SampleDraw.draw(THIRTY, 8, 7, FROM, TO, 99L), SampleDraw.draw(shuffled, 8, 7, FROM, TO, 99L));
    }

    @Test
    void shouldDrawAnotherSampleForAnotherSeedVillageOrPeriod() {
        List<Long> base = SampleDraw.draw(THIRTY, 8, 7, FROM, TO, 99L);
        assertNotEquals(base, SampleDraw.draw(THIRTY, 8, 7, FROM, TO, 100L));
        assertNotEquals(base, SampleDraw.draw(THIRTY, 8, 8, FROM, TO, 99L));
        assertNotEquals(base, SampleDraw.draw(THIRTY, 8, 7, FROM, TO.minusDays(1), 99L));
    }

    @Test
    void shouldDrawDistinctHouseholdsOfThePopulationAndAPrefixForASmallerSize() {
        List<Long> ten = SampleDraw.draw(THIRTY, 10, 7, FROM, TO, -5L);
        assertEquals(10, new HashSet<>(ten).size());
        assertTrue(THIRTY.containsAll(ten));
        assertEquals(ten.subList(0, 4), SampleDraw.draw(THIRTY, 4, 7, FROM, TO, -5L));
        assertEquals(new HashSet<>(THIRTY), new HashSet<>(SampleDraw.draw(THIRTY, 50, 7, FROM, TO, 1L)));
        assertEquals(List.of(), SampleDraw.draw(List.of(), 3, 7, FROM, TO, 1L));
    }

    @Test
    void shouldGiveEveryHouseholdAFairChance() {
        // 3000 draws of 1 from 3: each household about a third of the time
        int[] hits = new int[3];
        for (long seed = 0; seed < 3000; seed++) {
            hits[(int) (SampleDraw.draw(List.of(0L, 1L, 2L), 1, 1, FROM, TO, seed).get(0) - 0)]++;
        }
        for (int h : hits) {
            assertTrue(h > 900 && h < 1100, java.util.Arrays.toString(hits));
        }
    }
}
