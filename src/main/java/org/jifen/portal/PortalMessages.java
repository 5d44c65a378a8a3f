package org.jifen.portal;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/** UI text of the villager portal (templates use {@code {portal:name}}). */
@MessageBundle(value = "portal", locale = "zh-CN")
public interface PortalMessages {

    @Message("我的积分")
    String title();

    @Message("村民登录")
    String loginTitle();

    @Message("积分卡链接或卡号")
    String card();

    @Message("打开积分卡二维码得到的链接，或卡上的卡号")
    String cardHint();

    @Message("或拍一张积分卡二维码的照片")
    String cardPhoto();

    @Message("户主手机号后四位")
    String phoneLast4();

    @Message("进入我的积分")
    String enter();

    @Message("用微信登录")
    String wechatLogin();

    @Message("首次用微信登录：请验证积分卡和手机号，验证后本微信即绑定到您家，下次自动登录。")
    String bindHint();

    @Message("可用积分")
    String available();

    @Message("今年累计积分")
    String earnedThisYear();

    @Message("星级")
    String stars();

    @Message("村内排名")
    String rank();

    @Message("朗读积分")
    String speak();

    @Message("长辈版")
    String elder();

    @Message("下次兑换日")
    String nextRedemption();

    @Message("本村尚未公布兑换日，请留意村里通知")
    String noRedemptionDay();

    @Message("积分明细")
    String history();

    @Message("积分排名")
    String ranking();

    @Message("兑换商品")
    String goods();

    @Message("村务公示")
    String notices();

    @Message("报告好人好事")
    String report();

    @Message("微信绑定")
    String bindings();

    @Message("退出")
    String logout();

    @Message("首页")
    String home();

    @Message("本月")
    String month();

    @Message("本季度")
    String quarter();

    @Message("本年")
    String year();

    @Message("暂无记录")
    String empty();
}
