package org.jifen.points;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/** UI text of the points pages (templates use {@code {pts:...}}). */
@MessageBundle(value = "pts", locale = "zh-CN")
public interface PointsMessages {

    @Message("积分")
    String points();

    @Message("积分细则")
    String catalog();

    @Message("月登记")
    String registration();

    @Message("审核")
    String review();

    @Message("月结账")
    String close();

    @Message("积分台账")
    String ledger();

    @Message("编码")
    String code();

    @Message("类别")
    String category();

    @Message("项目")
    String title();

    @Message("分值")
    String score();

    @Message("单位")
    String unit();

    @Message("每户每月上限")
    String monthlyCap();

    @Message("须照片佐证")
    String photoRequired();

    @Message("有效期")
    String validity();

    @Message("启用")
    String enabled();

    @Message("停用")
    String disabled();

    @Message("保存")
    String save();

    @Message("本村自有")
    String own();

    @Message("全镇统一")
    String town();

    @Message("新增本村项目")
    String addOwnItem();

    @Message("新增全镇项目")
    String addTownItem();

    @Message("村设置")
    String villageSettings();

    @Message("每月登记日")
    String registrationDay();

    @Message("需两人审核通过")
    String twoApprovals();

    @Message("下次登记日")
    String nextRegistration();

    @Message("农户（户号或姓名）")
    String household();

    @Message("数量")
    String quantity();

    @Message("日期")
    String date();

    @Message("备注")
    String note();

    @Message("全部提交")
    String submitAll();

    @Message("更多行")
    String moreRows();

    @Message("待审核")
    String pending();

    @Message("通过")
    String approve();

    @Message("不通过")
    String reject();

    @Message("月份")
    String month();

    @Message("名次")
    String rank();

    @Message("户号")
    String number();

    @Message("户主")
    String headName();

    @Message("本月积分")
    String monthPoints();

    @Message("奖励性加分")
    String bonus();

    @Message("确认结账")
    String confirmClose();

    @Message("已结账")
    String closed();

    @Message("封存值")
    String seal();

    @Message("类型")
    String type();

    @Message("余额")
    String balance();

    @Message("原因")
    String reason();

    @Message("调整")
    String adjust();

    @Message("冲正")
    String reverse();

    @Message("核验台账")
    String verify();

    @Message("照片")
    String photo();

    @Message("上传")
    String upload();

    @Message("没有记录")
    String none();
}
