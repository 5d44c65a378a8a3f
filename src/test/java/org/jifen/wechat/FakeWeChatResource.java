package org.jifen.wechat;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;

/**
 * Starts {@link FakeWeChat} before the app and points {@code jifen.wechat.*} at it (both apps configured, short
 * timeouts). The 公众号 has a template for "points changed" but none for announcements, so announcements to its
 * users are recorded as skipped. Tests get the running fake in a field annotated {@link InjectFakeWeChat}.
 */
public class FakeWeChatResource implements QuarkusTestResourceLifecycleManager {

    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface InjectFakeWeChat {
    }

    private FakeWeChat fake;

    @Override
    public Map<String, String> start() {
        fake = new FakeWeChat();
        try {
            int port = fake.start();
            return Map.ofEntries(
                    Map.entry("jifen.wechat.api-base-url", "http://127.0.0.1:" + port),
                    Map.entry("jifen.wechat.oauth-authorize-url", "http://127.0.0.1:" + port + "/connect/oauth2/authorize"),
                    Map.entry("jifen.wechat.app-id", FakeWeChat.MP_APP),
                    Map.entry("jifen.wechat.app-secret", "app-secret"),
                    Map.entry("jifen.wechat.mini.app-id", FakeWeChat.MINI_APP),
                    Map.entry("jifen.wechat.mini.app-secret", "mini-secret"),
                    Map.entry("jifen.wechat.templates.points-changed", "tpl-points"),
                    Map.entry("jifen.wechat.templates.announcement", "tpl-announce"),
                    Map.entry("jifen.wechat.mp.templates.points-changed", "mp-tpl-points"),
                    Map.entry("jifen.wechat.timeout", "1s"),
                    Map.entry("jifen.wechat.retries", "2"),
                    Map.entry("jifen.wechat.retry-backoff", "20ms"),
                    Map.entry("jifen.wechat.scan.settle", "0s"));
        } catch (Exception e) {
            throw new IllegalStateException("fake WeChat did not start", e);
        }
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(fake, new TestInjector.AnnotatedAndMatchesType(InjectFakeWeChat.class, FakeWeChat.class));
    }

    @Override
    public void stop() {
        if (fake != null) {
            fake.stop();
        }
    }
}
