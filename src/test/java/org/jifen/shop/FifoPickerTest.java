package org.jifen.shop;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class FifoPickerTest {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 29);

    @Test
    void shouldTakeEarliestExpiryFirstAndNeverExpiringLast() {
        var batches = List.of(
                new FifoPicker.Batch(1, 5, null),
                new FifoPicker.Batch(2, 5, TODAY.plusDays(30)),
                new FifoPicker.Batch(3, 2, TODAY.plusDays(3)),
                new FifoPicker.Batch(4, 5, TODAY.plusDays(30)));
        var picks = FifoPicker.pick(batches, 10, TODAY).orElseThrow();
        assertEquals(List.of(new FifoPicker.Pick(3, 2), new FifoPicker.Pick(2, 5), new FifoPicker.Pick(4, 3)), picks);
    }

    @Test
    void shouldUseNeverExpiringBatchesWhenDatedOnesRunOut() {
        var batches = List.of(new FifoPicker.Batch(7, 1, TODAY), new FifoPicker.Batch(5, 9, null), new FifoPicker.Batch(6, 9, null));
        assertEquals(List.of(new FifoPicker.Pick(7, 1), new FifoPicker.Pick(5, 2)), FifoPicker.pick(batches, 3, TODAY).orElseThrow());
    }

    @Test
    void shouldNeverSellExpiredOrEmptyBatches() {
        var batches = List.of(new FifoPicker.Batch(1, 10, TODAY.minusDays(1)), new FifoPicker.Batch(2, 0, null),
                new FifoPicker.Batch(3, 2, TODAY.plusDays(1)));
        assertTrue(FifoPicker.pick(batches, 3, TODAY).isEmpty());
        assertEquals(List.of(new FifoPicker.Pick(3, 2)), FifoPicker.pick(batches, 2, TODAY).orElseThrow());
    }

    @Test
    void shouldRefuseWhenStockIsShort() {
        assertTrue(FifoPicker.pick(List.of(), 1, TODAY).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> FifoPicker.pick(List.of(), 0, TODAY));
    }
}
