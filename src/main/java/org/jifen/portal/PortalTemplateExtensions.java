package org.jifen.portal;

import io.quarkus.qute.TemplateExtension;

/** Formatting helpers for the portal templates. */
@TemplateExtension
public class PortalTemplateExtensions {

    /** Chinese name of a posting type. */
    static String label(PortalService.PostingView p) {
        return switch (p.type()) {
            case "EARN" -> "加分";
            case "BONUS" -> "月度奖励";
            case "ADJUST" -> "调整";
            case "REDEEM" -> "兑换";
            case "REFUND" -> "退回";
            default -> p.type();
        };
    }

    static String signed(Integer points) {
        return points > 0 ? "+" + points : String.valueOf(points);
    }

    /** "2026-03" → "2026年3月". */
    static String monthLabel(String month) {
        return month.length() == 7 ? month.substring(0, 4) + "年" + Integer.parseInt(month.substring(5)) + "月" : month;
    }

    /** First 16 characters of a timestamp: "2026-03-05 10:21". */
    static String minute(String createdAt) {
        if (createdAt == null) {
            return "";
        }
        String s = createdAt.replace('T', ' ');
        return s.length() > 16 ? s.substring(0, 16) : s;
    }

    static String starText(Integer stars) {
        return stars <= 0 ? "暂无星级" : "★".repeat(stars) + " " + stars + "星";
    }
}
