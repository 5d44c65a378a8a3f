package org.jifen.town;

import java.time.OffsetDateTime;

/**
 * A person who operates jifen: town office, inspector, or a village's secretary, officer, reviewer, clerk.
 * {@code villageId} is null for the town roles. Read and written by {@link StaffRepository}.
 */
public record Staff(long id, long townId, Long villageId, String username, String passwordHash, String displayName,
                    String role, boolean active, OffsetDateTime createdAt) {
}
