package org.jifen.shop;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Which batches a quantity of goods is taken from: earliest expiry first, batches that never expire last,
 * older batches (lower id) first among equals; expired batches (before {@code today}) never. Pure, unit-tested.
 */
public final class FifoPicker {

    public record Batch(long id, int remaining, LocalDate expiresOn) {
    }

    public record Pick(long batchId, int quantity) {
    }

    public static final Comparator<Batch> ORDER = Comparator
            .comparing(Batch::expiresOn, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparingLong(Batch::id);

    private FifoPicker() {
    }

    /** The picks for {@code quantity}, or empty when the sellable stock is not enough. */
    public static Optional<List<Pick>> pick(List<Batch> batches, int quantity, LocalDate today) {
        if (quantity <= 0) {
            throw new IllegalArgumentException("quantity must be positive");
        }
        List<Batch> usable = batches.stream()
                .filter(b -> b.remaining() > 0 && (b.expiresOn() == null || !b.expiresOn().isBefore(today)))
                .sorted(ORDER).toList();
        List<Pick> picks = new ArrayList<>();
        int left = quantity;
        for (Batch b : usable) {
            if (left == 0) {
                break;
            }
            int take = Math.min(left, b.remaining());
            picks.add(new Pick(b.id(), take));
            left -= take;
        }
        return left == 0 ? Optional.of(List.copyOf(picks)) : Optional.empty();
    }
}
