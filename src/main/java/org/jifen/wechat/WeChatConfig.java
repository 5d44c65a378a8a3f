package org.jifen.wechat;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/**
 * WeChat settings under {@code jifen.wechat.*}. WeChat is off until the 公众号 app id and secret (web OAuth,
 * JS-SDK, subscribe messages through {@code bizsend}) or the mini-program's (mini-program login, subscribe
 * messages through {@code send}) are set. Each app has its own message templates.
 */
@ConfigMapping(prefix = "jifen.wechat")
public interface WeChatConfig {

    /** Base URL of the WeChat API; tests point it at a local stand-in. */
    @WithDefault("https://api.weixin.qq.com")
    String apiBaseUrl();

    /** Where the browser goes for web OAuth ({@code snsapi_base}). */
    @WithDefault("https://open.weixin.qq.com/connect/oauth2/authorize")
    String oauthAuthorizeUrl();

    /** 公众号 (official account) app id. */
    Optional<String> appId();

    Optional<String> appSecret();

    Mini mini();

    /** The 公众号's subscribe messages (订阅通知). */
    Mp mp();

    /** Time allowed for one WeChat call. */
    @WithDefault("5s")
    Duration timeout();

    /** Extra attempts after a timeout, a connection failure, an HTTP 5xx or {@code errcode -1} (busy). */
    @WithDefault("2")
    int retries();

    /** First back-off between attempts (doubling). */
    @WithDefault("200ms")
    Duration retryBackoff();

    /** Seconds before expiry at which a cached access token or ticket is refreshed. */
    @WithDefault("300")
    int refreshMarginSeconds();

    /**
     * Least time between two forced new access tokens of one app on this instance ({@code force_refresh}, which ends
     * the token every replica shares; WeChat allows 20 a day). Only a token WeChat refuses yet still hands out forces one.
     */
    @WithDefault("10m")
    Duration forceRefreshEvery();

    /** The mini-program's subscribe message templates. */
    Templates templates();

    Outbox outbox();

    Scan scan();

    interface Mini {
        Optional<String> appId();

        Optional<String> appSecret();

        /** The mini-program page a subscribe message opens. */
        @WithDefault("pages/index/index")
        String page();
    }

    interface Mp {
        /** The web page a 公众号 message opens; unset: {@code {jifen.public-base-url}/portal}. */
        Optional<String> page();

        /** The 公众号's own template ids, with the same fields as the mini-program's. */
        Templates templates();
    }

    /** Template ids of one app, per message. */
    interface Templates {
        /** Subscribe message template for "points changed" (fields thing1, character_string2, number3, time4). */
        Optional<String> pointsChanged();

        /** Template for notices and redemption days (fields thing1, thing2, time3), used by {@link Outbox#announceToVillage}. */
        Optional<String> announcement();
    }

    interface Outbox {
        /** How often the sender looks for due messages ({@code off} disables it). */
        @WithDefault("10s")
        String every();

        @WithDefault("20")
        int batch();

        /** Attempts before a message is given up as FAILED. */
        @WithDefault("8")
        int maxAttempts();

        /** First wait after a failed attempt (doubling, at most a day). */
        @WithDefault("30s")
        Duration backoff();
    }

    interface Scan {
        /** How often new postings are turned into messages ({@code off} disables it). */
        @WithDefault("15s")
        String every();

        /** Postings younger than this are looked at again, so a late-committing transaction is never missed. */
        @WithDefault("10m")
        Duration settle();
    }

    default boolean mpConfigured() {
        return appId().filter(s -> !s.isBlank()).isPresent() && appSecret().filter(s -> !s.isBlank()).isPresent();
    }

    default boolean miniConfigured() {
        return mini().appId().filter(s -> !s.isBlank()).isPresent() && mini().appSecret().filter(s -> !s.isBlank()).isPresent();
    }
}
