package org.jifen.wechat;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JsSdkSignatureTest {

    /** The worked example of WeChat's JS-SDK documentation (附录1). */
    @Test
    void shouldMatchWeChatsDocumentedExample() {
        assertEquals("0f9de62fce790f9a083d5c99e95740ceb90c27ed",
                JsSdkSignature.sign(FakeWeChat.TICKET, "Wm3WZYTPz0wzccnW", 1414587457L, "http://mp.weixin.qq.com?params=value"));
    }

    @Test
    void shouldNotSignTheFragment() {
        assertEquals(JsSdkSignature.sign("t", "n", 1L, "https://x.cn/p?a=1"), JsSdkSignature.sign("t", "n", 1L, "https://x.cn/p?a=1#top"));
    }

    @Test
    void shouldCutThingFieldsAtTwentyCharacters() {
        assertEquals("-", WeChatText.thing(" "));
        assertEquals("好事登记加分", WeChatText.thing("好事登记加分"));
        assertEquals(20, WeChatText.thing("一二三四五六七八九十一二三四五六七八九十一二").length());
    }
}
