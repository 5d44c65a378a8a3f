package org.jifen.funds;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class FundAccountArithmeticTest {

    @Test
    void shouldCarryOverThePreviousYearsBalanceAndAddThisYear() {
        FundAccount a = FundAccount.of(1_000_000, 455_000, 300_000, 66_661, 5, 7);
        assertEquals(545_000, a.carriedOverCents());
        assertEquals(545_000 + 300_000 - 66_661, a.balanceCents());
        assertEquals(5, a.stockValueCents());
        assertEquals(7, a.pointsOutstanding());
    }

    @Test
    void shouldGoBelowZeroWhenMoreWasSpentThanReceivedRatherThanHideIt() {
        assertEquals(-1, FundAccount.of(0, 0, 100, 101, 0, 0).balanceCents());
    }

    @Test
    void shouldRefuseToOverflowInsteadOfWrapping() {
        assertThrows(ArithmeticException.class, () -> FundAccount.of(Long.MAX_VALUE, -1, 0, 0, 0, 0));
    }

    @Test
    void shouldReadTheVoucherTypeFromItsBytes() {
        assertEquals("application/pdf", VoucherFile.type(ArchiveTest.PDF));
        assertEquals("image/jpeg", VoucherFile.type(ArchiveTest.JPEG));
        assertNull(VoucherFile.type("GIF89a....".getBytes()));
    }
}
