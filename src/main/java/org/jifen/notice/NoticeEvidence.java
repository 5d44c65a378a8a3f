package org.jifen.notice;

import java.time.OffsetDateTime;

/** A photo of the posted paper notice (公示照片), append-only, with its SHA-256. */
public record NoticeEvidence(long id, String contentType, int size, String sha256, String note, String recordedBy,
                             OffsetDateTime recordedAt) {

    /** The photo itself, as served. */
    public record Image(String contentType, byte[] bytes, String sha256) {
    }
}
