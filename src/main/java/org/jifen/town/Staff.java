package org.jifen.town;

import java.time.OffsetDateTime;

/**
 * A person who operates jifen: town office, inspector, or a village's secretary, officer, reviewer, clerk.
 * {@code villageId} is null for the town roles,
 * {@code townId} null for a COUNTY_ADMIN. Read and written by {@link StaffRepository}.
 */
public record Staff(long id, Long townId, Long villageId, String username, String passwordHash, String displayName,
                    String role, boolean active, OffsetDateTime createdAt) {
}
