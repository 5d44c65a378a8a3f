package org.jifen.wechat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The JS-SDK {@code wx.config} signature: sha1 of {@code jsapi_ticket=..&noncestr=..&timestamp=..&url=..}. Pure. */
public final class JsSdkSignature {

    private JsSdkSignature() {
    }

    /** {@code url} is the page's full URL; anything after {@code #} is not signed. */
    public static String sign(String jsapiTicket, String nonceStr, long timestamp, String url) {
        int hash = url.indexOf('#');
        String page = hash >= 0 ? url.substring(0, hash) : url;
        String text = "jsapi_ticket=" + jsapiTicket + "&noncestr=" + nonceStr + "&timestamp=" + timestamp + "&url=" + page;
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
