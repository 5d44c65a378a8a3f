package org.jifen.wechat;

import org.jifen.common.DomainException;

/** A WeChat API answer with a non-zero {@code errcode}, as a clear problem for clients and logs. */
public class WeChatException extends DomainException {

    private final int errcode;

    WeChatException(int status, String code, String title, int errcode, String errmsg, String call) {
        super(status, code, title, "微信接口 " + call + " 返回 errcode " + errcode + (errmsg == null ? "" : "：" + errmsg));
        this.errcode = errcode;
    }

    public int errcode() {
        return errcode;
    }

    /** The answer that says the access token was invalid or expired: refresh it and try once more. */
    boolean tokenExpired() {
        return errcode == 40001 || errcode == 42001 || errcode == 40014;
    }

    static WeChatException of(int errcode, String errmsg, String call) {
        return switch (errcode) {
            case 40029, 40163, 40125 -> new WeChatException(400, "wechat.invalid-code", "微信授权已失效，请重新从微信打开", errcode, errmsg, call);
            case 43101 -> new WeChatException(409, "wechat.not-subscribed", "用户未订阅该消息", errcode, errmsg, call);
            case 40003 -> new WeChatException(409, "wechat.invalid-openid", "微信用户标识无效", errcode, errmsg, call);
            case 45009, 45011 -> new WeChatException(503, "wechat.rate-limited", "微信接口调用太频繁，请稍后再试", errcode, errmsg, call);
            default -> new WeChatException(502, "wechat.error", "微信接口返回错误", errcode, errmsg, call);
        };
    }

    static DomainException unavailable(String call, Throwable cause) {
        return new DomainException(503, "wechat.unavailable", "微信服务暂时不可用，请稍后再试",
                "微信接口 " + call + " 无应答：" + cause);
    }

    static DomainException notConfigured() {
        return new DomainException(404, "wechat.not-configured", "本系统未开通微信登录");
    }
}
