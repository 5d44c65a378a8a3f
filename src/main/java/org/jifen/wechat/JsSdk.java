package org.jifen.wechat;

import io.smallrye.mutiny.Uni;

import java.util.Optional;

/**
 * Signs the WeChat JS-SDK {@code wx.config} of a page (needed for {@code wx.scanQRCode}). Empty when WeChat
 * is not configured, so pages fall back to the other ways of reading a card.
 */
public interface JsSdk {

    record Config(String appId, long timestamp, String nonceStr, String signature) {
    }

    Uni<Optional<Config>> configFor(String pageUrl);
}
