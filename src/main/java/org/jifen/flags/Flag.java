package org.jifen.flags;

/**
 * One anomaly the town office should look at (e.g. redemptions outside redemption days).
 *
 * @param kind      stable code of API.md's dashboard ({@code no-registration}, {@code concentrated-approvals},
 *                  {@code spike-before-notice}, {@code redeemed-outside-days}, {@code large-adjustment},
 *                  {@code points-without-entries}, {@code chain-broken})
 * @param villageId the village it concerns
 * @param detail    one line for people (Chinese): what was seen, with the figures
 * @param evidence  the staff page that shows the evidence (a path such as {@code /villages/3/audit?...})
 */
public record Flag(String kind, long villageId, String detail, String evidence) {
}
