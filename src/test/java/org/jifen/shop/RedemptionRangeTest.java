package org.jifen.shop;

import org.jifen.common.DomainException;
import org.jifen.common.security.Role;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The pure rules of the shop pages: which days a redemptions list covers, and which forms a role sees. */
class RedemptionRangeTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 30);

    @Test
    void shouldDefaultToTodayAndFromToTo() {
        assertEquals(new RedemptionRange(TODAY, TODAY), RedemptionRange.parse(null, " ", TODAY));
        assertEquals(new RedemptionRange(LocalDate.of(2026, 11, 1), TODAY), RedemptionRange.parse("2026-11-01", null, TODAY));
        LocalDate day = LocalDate.of(2026, 10, 5);
        assertEquals(new RedemptionRange(day, day), RedemptionRange.parse(null, "2026-10-05", TODAY));
    }

    @Test
    void shouldAllowNinetyTwoDaysAndNoMore() {
        assertEquals(TODAY.minusDays(91), RedemptionRange.parse(TODAY.minusDays(91).toString(), null, TODAY).from());
        DomainException tooLong = assertThrows(DomainException.class, () -> RedemptionRange.parse(TODAY.minusDays(92).toString(), null, TODAY));
        assertEquals(400, tooLong.status());
        assertEquals(List.of("from", "to"), tooLong.fields());
    }

    @Test
    void shouldRefuseBadDatesAndAnInvertedRange() {
        assertEquals(List.of("to"), assertThrows(DomainException.class, () -> RedemptionRange.parse(null, "30/11/2026", TODAY)).fields());
        assertEquals(List.of("from"), assertThrows(DomainException.class, () -> RedemptionRange.parse("x", null, TODAY)).fields());
        assertThrows(DomainException.class, () -> RedemptionRange.parse("2026-11-30", "2026-11-29", TODAY));
    }

    @Test
    void shouldShowEachRoleOnlyTheFormsItMaySubmit() {
        assertEquals(new ShopRights(false, false, false, false, false, false), ShopRights.of(Role.INSPECTOR));
        assertEquals(new ShopRights(false, false, false, false, true, false), ShopRights.of(Role.CLERK));
        ShopRights secretary = ShopRights.of(Role.SECRETARY);
        assertFalse(secretary.stock());
        assertTrue(secretary.writeOff() && secretary.settings() && secretary.days() && secretary.reverse());
        assertEquals(new ShopRights(true, true, true, true, true, true), ShopRights.of(Role.OFFICER));
    }
}
