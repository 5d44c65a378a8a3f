package org.jifen.portal;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StarsTest {

    @Test
    void shouldRateByThresholds() {
        assertEquals(0, Stars.of(-5));
        assertEquals(0, Stars.of(199));
        assertEquals(3, Stars.of(200));
        assertEquals(3, Stars.of(249));
        assertEquals(4, Stars.of(250));
        assertEquals(4, Stars.of(299));
        assertEquals(5, Stars.of(300));
        assertEquals(5, Stars.of(10_000));
        assertEquals(1, Stars.toNext(199));
        assertEquals(50, Stars.toNext(250));
        assertEquals(0, Stars.toNext(300));
    }

    @Test
    void shouldCheckPhoneLast4() {
        assertTrue(PhoneCheck.matchesLast4("138-0013-8000", "8000"));
        assertTrue(PhoneCheck.matchesLast4("13800138000", " 8000 "));
        assertFalse(PhoneCheck.matchesLast4("13800138000", "800"));
        assertFalse(PhoneCheck.matchesLast4("13800138000", "800a"));
        assertFalse(PhoneCheck.matchesLast4(null, "8000"));
        assertFalse(PhoneCheck.matchesLast4("123", "0123"));
    }
}
