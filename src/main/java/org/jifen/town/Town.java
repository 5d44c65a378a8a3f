package org.jifen.town;

import java.time.OffsetDateTime;

/** The town (镇) whose office runs jifen; read and written by {@link Towns}. */
public record Town(long id, String name, OffsetDateTime createdAt) {
}
