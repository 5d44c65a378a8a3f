package org.jifen.notice;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/** UI text of the notice pages and posters (templates use {@code {notice:rank}}). */
@MessageBundle(value = "notice", locale = "zh-CN")
public interface NoticeMessages {

    @Message("积分公示")
    String notice();

    @Message("积分公示栏")
    String board();

    @Message("排名")
    String rank();

    @Message("户号")
    String number();

    @Message("户主")
    String headName();

    @Message("本季积分")
    String quarterPoints();

    @Message("其中奖励分")
    String bonusPoints();

    @Message("本年累计")
    String yearPoints();

    @Message("可用积分")
    String availablePoints();

    @Message("统计时间")
    String statisticsDate();

    @Message("公示时间")
    String noticePeriod();

    @Message("至")
    String to();

    @Message("负责人签字")
    String signatory();

    @Message("异议联系")
    String contact();

    @Message("（盖章）")
    String stamp();

    @Message("校验码（SHA-256）")
    String contentHash();

    @Message("网上公示与纸质公示的校验码一致，即内容相同。")
    String hashHint();

    @Message("扫码查看网上公示")
    String scan();

    @Message("按户号或姓名查找")
    String search();

    @Message("查找")
    String find();

    @Message("显示全部")
    String showAll();

    @Message("共 {total} 户")
    String households(int total);

    @Message("异议与答复")
    String objections();

    @Message("提出异议")
    String fileObjection();

    @Message("异议内容")
    String objectionText();

    @Message("联系方式（仅工作人员可见）")
    String objectionContact();

    @Message("户号（可不填）")
    String objectionNumber();

    @Message("提交异议")
    String submit();

    @Message("已收到您的异议，村里会尽快答复。")
    String filed();

    @Message("公示期尚未开始，开始后可提出异议。")
    String notStarted();

    @Message("公示期已结束，不再受理异议。")
    String ended();

    @Message("答复")
    String answer();

    @Message("异议成立")
    String upheld();

    @Message("异议不成立")
    String rejected();

    @Message("暂无已答复的异议。")
    String noAnswers();

    @Message("打印")
    String print();

    @Message("下载 PDF（A4）")
    String pdfA4();

    @Message("下载 PDF（A3）")
    String pdfA3();

    @Message("打印海报")
    String poster();

    @Message("暂无已发布的公示。")
    String noNotices();

    @Message("第 {page} 页")
    String page(int page);
}
