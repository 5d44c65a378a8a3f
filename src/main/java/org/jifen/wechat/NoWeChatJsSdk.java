package org.jifen.wechat;

import io.quarkus.arc.DefaultBean;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/** Used until a real WeChat client is configured: no JS-SDK, pages use the camera, a photo or a scanner. */
@DefaultBean
@ApplicationScoped
public class NoWeChatJsSdk implements JsSdk {

    @Override
    public Uni<Optional<Config>> configFor(String pageUrl) {
        return Uni.createFrom().item(Optional.empty());
    }
}
