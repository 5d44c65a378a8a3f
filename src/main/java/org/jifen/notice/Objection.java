package org.jifen.notice;

import java.time.OffsetDateTime;

/**
 * An objection (异议) to a published notice, and its recorded answer (given once). The address it came from is kept
 * only as its SHA-256 ({@code sender_hash}), counted to slow down floods and never read back. Unkeyed, the hash keeps
 * the address out of sight, not out of reach (all IPv4 addresses can be tried); a keyed hash would.
 *
 * @param contact   how to reach the objector; shown to staff only
 * @param postingId the ADJUST posting an upheld objection led to, if any
 */
public record Objection(long id, long noticeId, String text, String contact, String householdNumber,
                        OffsetDateTime filedAt, String answer, Boolean upheld, String answeredBy,
                        OffsetDateTime answeredAt, Long postingId) {
}
