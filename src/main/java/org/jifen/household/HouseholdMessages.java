package org.jifen.household;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/** Text of the village and household pages (templates use {@code {hh:...}}). */
@MessageBundle(value = "hh", locale = "zh-CN")
public interface HouseholdMessages {

    @Message("在册农户")
    String activeHouseholds();

    @Message("添加成员")
    String addMember();

    @Message("修改后")
    String after();

    @Message("全部")
    String all();

    @Message("操作记录")
    String auditLink();

    @Message("可用积分")
    String available();

    @Message("下载 PDF")
    String cardPdf();

    @Message("农户卡")
    String cardTitle();

    @Message("打印卡片")
    String printCard();

    @Message("挂失补办")
    String reissueCard();

    @Message("补办后旧卡立即作废（不能再兑换，也不能再登录），请打印新卡交给农户。")
    String reissueHint();

    @Message("微信绑定")
    String wechatTitle();

    @Message("查看和解除微信绑定")
    String wechatBindings();

    @Message("他人用捡到的积分卡绑定了微信时，在这里解除绑定，他的登录立即失效。")
    String wechatHint();

    @Message("返回农户列表")
    String backToList();

    @Message("修改前")
    String before();

    @Message("取消")
    String cancel();

    @Message("变更状态")
    String changeStatus();

    @Message("上传并检查")
    String checkFile();

    @Message("列")
    String column();

    @Message("社区")
    String community();

    @Message("确认导入")
    String confirmImport();

    @Message("创建")
    String create();

    @Message("姓名")
    String displayName();

    @Message("本年累计积分")
    String earnedThisYear();

    @Message("修改农户信息")
    String edit();

    @Message("导出 CSV")
    String exportCsv();

    @Message("导出 Excel")
    String exportXlsx();

    @Message("名册文件（Excel 或 CSV）")
    String file();

    @Message("村民小组")
    String group();

    @Message("户主")
    String headName();

    @Message("农户")
    String householdsTitle();

    @Message("导入名册")
    String importLink();

    @Message("导入农户名册")
    String importTitle();

    @Message("第1行为表头：户号,户主姓名,联系电话,村民小组（可选列：家庭成员、标签）。已有户号的农户将被更新；只要有一行有误，整个文件都不会导入。")
    String importHelp();

    @Message("社区")
    String kindCommunity();

    @Message("行政村")
    String kindVillage();

    @Message("成员姓名")
    String memberName();

    @Message("家庭成员")
    String members();

    @Message("农户")
    String navHouseholds();

    @Message("村（社区）")
    String navVillages();

    @Message("新增农户")
    String newHousehold();

    @Message("新增工作人员")
    String newStaff();

    @Message("新增村（社区）")
    String newVillage();

    @Message("下一页")
    String next();

    @Message("没有符合条件的农户")
    String noHouseholds();

    @Message("尚未登记家庭成员")
    String noMembers();

    @Message("还没有村（社区）")
    String noVillages();

    @Message("户号")
    String number();

    @Message("其他标签")
    String otherTags();

    @Message("多个用分号分隔")
    String otherTagsHint();

    @Message("联系电话")
    String phone();

    @Message("上一页")
    String prev();

    @Message("问题")
    String problem();

    @Message("原因")
    String reason();

    @Message("与户主关系")
    String relation();

    @Message("如：配偶、子、女、父、母")
    String relationHint();

    @Message("删除")
    String remove();

    @Message("角色")
    String role();

    @Message("行号")
    String row();

    @Message("保存")
    String save();

    @Message("搜索")
    String search();

    @Message("查询")
    String searchButton();

    @Message("户号、户主姓名或电话")
    String searchHint();

    @Message("书记、专干、评议组、超市管理员须选择所属村；镇管理员和督查员选择“全镇”。密码至少8位。")
    String staffHint();

    @Message("所属村（社区）")
    String staffVillage();

    @Message("状态")
    String status();

    @Message("已有积分记录的农户不能删除，只能迁出或归档；积分记录保留。")
    String statusHint();

    @Message("迁出 / 归档")
    String statusTitle();

    @Message("标签")
    String tag();

    @Message("全镇")
    String townWide();

    @Message("上传名册")
    String uploadTitle();

    @Message("编码")
    String villageCode();

    @Message("类型")
    String villageKind();

    @Message("名称")
    String villageName();

    @Message("村（社区）")
    String villagesTitle();

    @Message("操作")
    String what();

    @Message("时间")
    String when();

    @Message("操作人")
    String who();

    @Message("检查通过：共 {rows} 户，将新增 {created} 户、更新 {updated} 户。确认后才会写入。")
    String dryRunOk(int rows, int created, int updated);

    @Message("导入完成：新增 {created} 户，更新 {updated} 户。")
    String importDone(int created, int updated);

    @Message("发现 {count} 处错误，文件未导入。请改正后重新上传。")
    String importHasErrors(int count);

    @Message("共 {total} 户")
    String found(long total);

    @Message("第 {page} / {pages} 页")
    String pageOf(int page, int pages);

    @Message("已迁出")
    String movedOut();

    @Message("已归档")
    String archived();

    @Message("在册")
    String active();
}
