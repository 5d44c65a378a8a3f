package org.jifen.funds;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * A fund received (上级拨款, 社会捐赠, 村集体...) or the reversal of one: a negative amount naming the receipt it
 * corrects and why. {@code reversedBy} is the id of the reversal when this receipt was reversed.
 */
public record FundReceipt(long id, long villageId, String source, long amountCents, LocalDate receivedOn, String note,
                          Long reversalOf, String reason, Long reversedBy, String actor, OffsetDateTime createdAt,
                          int vouchers) {
}
