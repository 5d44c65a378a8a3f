package org.jifen.town;

import java.time.OffsetDateTime;

/** An administrative village (村) or an urban community (社区); {@code kind} is {@code VILLAGE} or {@code COMMUNITY}. */
public record Village(long id, long townId, String code, String name, String kind, OffsetDateTime createdAt) {
}
