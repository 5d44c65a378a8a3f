package org.jifen.ledger;

/**
 * A CDI event: a household's points changed and the change is committed. Fired where the committing code knows
 * it (redemption, its reversal); whoever keeps figures of the household in memory drops them.
 */
public record PointsChanged(long householdId) {
}
