package org.jifen.wechat;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jifen.common.security.Tokens;

import java.util.Optional;

/**
 * The real JS-SDK signer: replaces {@link NoWeChatJsSdk}. Answers empty while the 公众号 is not configured,
 * so pages fall back to the camera, a photo or a scanner; otherwise signs with the cached {@code jsapi_ticket}.
 */
@ApplicationScoped
public class WeChatJsSdk implements JsSdk {

    @Inject
    WeChatClient wechat;

    @Override
    public Uni<Optional<Config>> configFor(String pageUrl) {
        if (!wechat.configured(WeChatClient.App.MP)) {
            return Uni.createFrom().item(Optional.empty());
        }
        String nonce = Tokens.newToken().substring(0, 16);
        long timestamp = System.currentTimeMillis() / 1000;
        return wechat.jsapiTicket().map(ticket -> Optional.of(new Config(wechat.appId(WeChatClient.App.MP), timestamp, nonce,
                JsSdkSignature.sign(ticket, nonce, timestamp, pageUrl))));
    }
}
