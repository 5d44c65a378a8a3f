package org.jifen.portal;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;

/** The second factor of a card login: the last four digits of the household's phone. Pure. */
public final class PhoneCheck {

    private PhoneCheck() {
    }

    public static boolean matchesLast4(String phone, String last4) {
        if (phone == null || last4 == null) {
            return false;
        }
        String given = last4.trim();
        String digits = phone.replaceAll("[^0-9]", "");
        if (!given.matches("[0-9]{4}") || digits.length() < 4) {
            return false;
        }
        return MessageDigest.isEqual(digits.substring(digits.length() - 4).getBytes(StandardCharsets.US_ASCII),
                given.getBytes(StandardCharsets.US_ASCII));
    }
}
