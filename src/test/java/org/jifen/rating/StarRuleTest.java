package org.jifen.rating;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class StarRuleTest {

    @Test
    void shouldRateByDefaultThresholds() {
        StarRule r = StarRule.DEFAULT;
        assertEquals(0, r.stars(0));
        assertEquals(0, r.stars(199));
        assertEquals(3, r.stars(200));
        assertEquals(3, r.stars(249));
        assertEquals(4, r.stars(250));
        assertEquals(5, r.stars(300));
        assertEquals(5, r.stars(1000));
        assertEquals(0, r.stars(-20));
    }

    @Test
    void shouldTellPointsMissingToTheNextStar() {
        assertEquals(1, StarRule.DEFAULT.pointsToNext(199));
        assertEquals(50, StarRule.DEFAULT.pointsToNext(250));
        assertEquals(0, StarRule.DEFAULT.pointsToNext(300));
        assertEquals(10, new StarRule(100, 150, 180).pointsToNext(170));
    }

    @Test
    void shouldRefuseThresholdsOutOfOrder() {
        assertThrows(IllegalArgumentException.class, () -> new StarRule(300, 250, 200));
    }
}
