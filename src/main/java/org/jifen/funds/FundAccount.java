package org.jifen.funds;

/**
 * A village's fund account for one year (资金台账), in fen: what came over from the years before, what was received,
 * what was spent on purchases at cost, and the balance; beside it the stock on hand at cost and the points the
 * households may still spend (the shop's liability). Pure arithmetic, unit-tested.
 */
public record FundAccount(long carriedOverCents, long receivedCents, long spentCents, long balanceCents,
                          long stockValueCents, long pointsOutstanding) {

    /**
     * The account from its sums. {@code receivedBefore} and {@code spentBefore} are the totals of every earlier year:
     * carried over = the previous year's balance = received before − spent before.
     */
    public static FundAccount of(long receivedBefore, long spentBefore, long received, long spent, long stockValue,
                                 long pointsOutstanding) {
        long carried = Math.subtractExact(receivedBefore, spentBefore);
        long balance = Math.subtractExact(Math.addExact(carried, received), spent);
        return new FundAccount(carried, received, spent, balance, stockValue, pointsOutstanding);
    }
}
