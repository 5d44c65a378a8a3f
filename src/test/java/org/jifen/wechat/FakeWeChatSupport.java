package org.jifen.wechat;

import io.quarkus.test.common.QuarkusTestResource;

/** Registers the WeChat stand-in for every {@code @QuarkusTest} of the module (one app start for all). */
@QuarkusTestResource(FakeWeChatResource.class)
public final class FakeWeChatSupport {

    private FakeWeChatSupport() {
    }
}
