package org.jifen.ledger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The month seal, framework free: SHA-256 (hex) of the UTF-8 text
 * {@code jifen-seal-v1|<villageId>|<yyyy-MM>|<previous seal of the village or "">} followed, for each
 * household with postings in ascending household id, by {@code |<householdId>:<seq>:<head hash>}:
 * the chain heads at the moment of closing. Verifying a seal recomputes this text from the recorded heads
 * and checks each head against the chain, so neither an old posting nor a seal can change unnoticed.
 */
public final class Seal {

    public record Head(long householdId, long seq, String hash) {
    }

    private Seal() {
    }

    public static String of(long villageId, String month, String previousSeal, List<Head> headsByHousehold) {
        StringBuilder text = new StringBuilder("jifen-seal-v1|").append(villageId).append('|').append(month).append('|')
                .append(previousSeal == null ? "" : previousSeal);
        for (Head h : headsByHousehold) {
            text.append('|').append(h.householdId()).append(':').append(h.seq()).append(':').append(h.hash());
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
