package org.jifen.shop;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/** UI text of the card and shop pages (templates use {@code {shop:...}}). */
@MessageBundle(value = "shop", locale = "zh-CN")
public interface ShopMessages {

    @Message("积分兑换")
    String redeem();

    @Message("扫码枪 / 输入卡号")
    String scannerField();

    @Message("扫码枪扫描后自动识别；也可粘贴卡上二维码的内容后按回车")
    String scannerHint();

    @Message("摄像头扫码")
    String camera();

    @Message("拍照识别")
    String photo();

    @Message("微信扫一扫")
    String wechatScan();

    @Message("户号")
    String number();

    @Message("户主")
    String headName();

    @Message("可用积分")
    String available();

    @Message("商品")
    String goods();

    @Message("库存")
    String stock();

    @Message("购物车")
    String cart();

    @Message("合计")
    String total();

    @Message("确认兑换")
    String confirm();

    @Message("清空")
    String clear();

    @Message("兑换成功")
    String done();

    @Message("剩余积分")
    String availableAfter();

    @Message("下一位")
    String next();

    @Message("积分超市 · 商品与库存")
    String shopTitle();

    @Message("价签打印")
    String labels();

    @Message("打印积分卡")
    String printCards();

    @Message("即将过期")
    String expiring();

    @Message("已过期（请报损）")
    String expired();

    @Message("库存不足")
    String lowStock();

    @Message("积分")
    String points();

    @Message("家庭积分卡")
    String card();

    @Message("这是{village}的家庭积分卡。")
    String publicCard(String village);

    @Message("兑换商品时请把此卡交给村积分超市的管理员扫码。村民本人可登录查看本户积分。")
    String publicHint();

    @Message("村民登录查看积分")
    String portalLogin();

    @Message("工作人员登录")
    String staffLogin();
}
