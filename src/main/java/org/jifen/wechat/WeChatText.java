package org.jifen.wechat;

/** Limits of subscribe-message fields (WeChat refuses longer values). Pure. */
public final class WeChatText {

    private WeChatText() {
    }

    /** A {@code thing} field: at most 20 characters. */
    public static String thing(String s) {
        if (s == null || s.isBlank()) {
            return "-";
        }
        String t = s.strip();
        return t.codePointCount(0, t.length()) <= 20 ? t : t.substring(0, t.offsetByCodePoints(0, 19)) + "…";
    }
}
