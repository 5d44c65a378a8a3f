package org.jifen.household;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A household (农户) of a village: it earns and spends points, and carries a QR card. {@code number} is the 户号,
 * unique within the village; {@code group} the 村民小组; {@code status} ACTIVE, MOVED_OUT or ARCHIVED.
 * Read and written by {@link Households}.
 */
public record Household(long id, long villageId, String number, String headName, String phone, String group,
                        String status, int cardVersion, List<String> tags, OffsetDateTime createdAt,
                        OffsetDateTime updatedAt) {
}
