package org.jifen.card;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * The signed token printed in a household card's QR code: {@code <householdId36>.<version36>.<mac>}, the
 * numbers in base 36 and {@code mac} the first 12 bytes of HMAC-SHA256(key, "jifen-card:v1:" + householdId + ":" + version)
 * in unpadded base64url (16 characters). Pure: no framework, unit-tested; see {@code qr/FORMAT.md}.
 */
public final class CardToken {

    public record Parsed(long householdId, int version) {
    }

    private static final int MAC_BYTES = 12;
    private final byte[] key;
    /** One initialised Mac per thread: getInstance + init cost more than the HMAC of a short text. */
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

    public CardToken(byte[] key) {
        if (key.length < 16) {
            throw new IllegalArgumentException("card key must have at least 16 bytes");
        }
        this.key = key.clone();
    }

    public String sign(long householdId, int version) {
        return Long.toString(householdId, 36) + "." + Integer.toString(version, 36) + "." + mac(householdId, version);
    }

    /** The household and card version of a genuine token; empty for anything forged, altered or malformed. */
    public Optional<Parsed> verify(String token) {
        if (token == null || token.length() > 64) {
            return Optional.empty();
        }
        String[] parts = token.trim().split("\\.");
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            long householdId = Long.parseLong(parts[0], 36);
            int version = Integer.parseInt(parts[1], 36);
            if (householdId <= 0 || version <= 0) {
                return Optional.empty();
            }
            byte[] expected = mac(householdId, version).getBytes(StandardCharsets.US_ASCII);
            boolean ok = MessageDigest.isEqual(expected, parts[2].getBytes(StandardCharsets.US_ASCII));
            return ok ? Optional.of(new Parsed(householdId, version)) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The token inside scanned text: a full card URL {@code .../c/<token>} or the bare token. */
    public static String tokenOf(String qrText) {
        if (qrText == null) {
            return null;
        }
        String text = qrText.trim();
        int at = text.lastIndexOf("/c/");
        String token = at >= 0 ? text.substring(at + 3) : text;
        int end = token.indexOf('?');
        return end >= 0 ? token.substring(0, end) : token;
    }

    private String mac(long householdId, int version) {
        Mac mac = macs.get();
        byte[] full = mac.doFinal(("jifen-card:v1:" + householdId + ":" + version).getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(full, MAC_BYTES));
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
