package org.jifen.common;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/** Shared UI text (templates use {@code {app:name}}). Each feature keeps its own bundle beside it. */
@MessageBundle(value = "app", locale = "zh-CN")
public interface AppMessages {

    @Message("积分超市")
    String brand();

    @Message("登录")
    String login();

    @Message("退出")
    String logout();

    @Message("用户名")
    String username();

    @Message("密码")
    String password();

    @Message("工作人员登录")
    String staffLogin();

    @Message("村（社区）")
    String villages();

    @Message("用户名或密码错误")
    String badCredentials();

    @Message("尝试次数过多，请稍后再试")
    String rateLimited();
}
