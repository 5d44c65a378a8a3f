package org.jifen.portal;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PhoneCheckTest {

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
