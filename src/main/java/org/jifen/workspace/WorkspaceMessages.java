package org.jifen.workspace;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/** Text of the staff header and the village home page (templates use {@code {ws:...}}). */
@MessageBundle(value = "ws", locale = "zh-CN")
public interface WorkspaceMessages {

    @Message("工作台")
    String workspace();

    @Message("全部村（社区）")
    String allVillages();

    @Message("切换村（社区）")
    String switchVillage();

    @Message("选择村（社区）…")
    String chooseVillage();

    @Message("请先选择村（社区）")
    String chooseFirst();

    @Message("本月工作")
    String thisMonthsWork();

    @Message("在册农户")
    String households();

    @Message("待审核登记")
    String entriesWaiting();

    @Message("未结账月份")
    String monthsOpen();

    @Message("下次登记日")
    String nextRegistration();

    @Message("下次兑换日")
    String nextRedemption();

    @Message("库存提醒")
    String stockWarnings();

    @Message("公示期内的公示")
    String openNotice();

    @Message("待答复异议")
    String objectionsWaiting();

    @Message("无")
    String none();

    @Message("未设置")
    String notSet();

    @Message("每天都可兑换")
    String everyDay();

    @Message("已过期 {expired} · 临期 {expiring} · 库存不足 {low}")
    String stockDetail(long expired, long expiring, long low);

    @Message("{year}年第{quarter}季度，公示至 {to}")
    String noticeLine(int year, int quarter, String to);

    @Message("积分项目")
    String catalog();

    @Message("村（社区）")
    String village();
}
