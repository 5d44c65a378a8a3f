package org.jifen.points;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RankingTest {

    private static Map<Long, Integer> points(int... values) {
        Map<Long, Integer> m = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            m.put((long) i + 1, values[i]);
        }
        return m;
    }

    @Test
    void shouldShareRanksOnTiesAndSkipTheFollowingRanks() {
        List<Ranking.Place> r = Ranking.rank(points(10, 30, 20, 20));
        assertEquals(List.of(new Ranking.Place(2, 1, 30), new Ranking.Place(3, 2, 20), new Ranking.Place(4, 2, 20),
                new Ranking.Place(1, 4, 10)), r);
    }

    @Test
    void shouldExcludeHouseholdsWithZeroOrNegativePoints() {
        List<Ranking.Place> r = Ranking.rank(points(0, 5, -3, 0));
        assertEquals(List.of(new Ranking.Place(2, 1, 5)), r);
    }

    @Test
    void shouldGiveDefaultBonusesTenToOneByRank() {
        var result = Ranking.close(points(100, 90, 80, 70, 60, 50, 40, 30, 20, 10, 5), Ranking.DEFAULT_SCHEME);
        assertEquals(List.of(10, 9, 8, 7, 6, 5, 4, 3, 2, 1), result.bonuses().stream().map(Ranking.Place::points).toList());
        assertEquals(11, result.ranking().size());
    }

    @Test
    void shouldGiveEveryTiedHouseholdAtTheCutItsRanksBonus() {
        // ranks: 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 10, 10, 13
        var result = Ranking.close(points(100, 90, 80, 70, 60, 50, 40, 30, 20, 10, 10, 10, 9), Ranking.DEFAULT_SCHEME);
        assertEquals(12, result.bonuses().size());
        assertEquals(List.of(1, 1, 1), result.bonuses().subList(9, 12).stream().map(Ranking.Place::points).toList());
        assertEquals(13, result.ranking().get(12).rank());
    }

    @Test
    void shouldGiveNoBonusBeyondRankTenWhenATieJumpsOverTheCut() {
        // ranks 1..8, then three tied at 9, then rank 12: tie at 9 gets rank 9's bonus (2), rank 12 gets none
        var result = Ranking.close(points(100, 90, 80, 70, 60, 50, 40, 30, 20, 20, 20, 5), Ranking.DEFAULT_SCHEME);
        assertEquals(11, result.bonuses().size());
        assertEquals(List.of(2, 2, 2), result.bonuses().subList(8, 11).stream().map(Ranking.Place::points).toList());
        assertEquals(12, result.ranking().get(11).rank());
    }

    @Test
    void shouldFollowTheTownsScheme() {
        var result = Ranking.close(points(5, 5, 3), List.of(20, 10));
        assertEquals(List.of(20, 20), result.bonuses().stream().map(Ranking.Place::points).toList());
    }
}
