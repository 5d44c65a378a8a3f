package org.jifen.oversight;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shop's service standard (服务标准) as a checklist, and what the system already knows about each point before the
 * inspector looks: expired or soon-expiring batches, goods whose point price changed after their label was last
 * printed (or whose label was never printed as far as we know), empty or low stock. Pure.
 */
public final class ShopChecklist {

    /** The checklist points in the order a phone shows them, with their Chinese titles. */
    public static final Map<String, String> POINTS = points();

    /** {@code FAIL}: the records say the point fails; {@code WARN}: look closely; {@code UNKNOWN}: the records cannot say. */
    public enum Level { FAIL, WARN, UNKNOWN }

    public record Finding(Level level, String text) {
    }

    /** {@code suggestsFail}: the records alone show a failure (a FAIL finding), so the phone pre-selects 不合格. */
    public record Point(String code, String title, List<Finding> findings, boolean suggestsFail) {
        Point(String code, String title, List<Finding> findings) {
            this(code, title, findings, findings.stream().anyMatch(f -> f.level() == Level.FAIL));
        }
    }

    /** A batch still on the shelf (remaining &gt; 0). */
    public record Batch(String goodsName, String unit, int remaining, LocalDate expiresOn) {
    }

    /** Goods on sale; {@code printedPrice} is the price on its last printed label, null when never printed (recorded). */
    public record Goods(String name, String unit, int pointsPrice, int stock, Integer printedPrice) {
    }

    private ShopChecklist() {
    }

    private static Map<String, String> points() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("clean", "货架清洁，无灰尘");
        m.put("not-expired", "无过期商品");
        m.put("tidy", "商品摆放整齐");
        m.put("labelled", "每件商品前有积分标识");
        m.put("stocked", "货架充实，缺货及时补充");
        return java.util.Collections.unmodifiableMap(m);
    }

    public static List<Point> prefill(LocalDate today, int warningDays, int lowStockThreshold, List<Batch> batches, List<Goods> goods) {
        List<Point> out = new ArrayList<>();
        for (var p : POINTS.entrySet()) {
            List<Finding> findings = switch (p.getKey()) {
                case "not-expired" -> expiry(today, warningDays, batches);
                case "labelled" -> labels(goods);
                case "stocked" -> stock(lowStockThreshold, goods);
                default -> List.of();
            };
            out.add(new Point(p.getKey(), p.getValue(), findings));
        }
        return out;
    }

    static List<Finding> expiry(LocalDate today, int warningDays, List<Batch> batches) {
        List<Finding> out = new ArrayList<>();
        for (Batch b : batches) {
            if (b.expiresOn() == null || b.remaining() <= 0) {
                continue;
            }
            if (b.expiresOn().isBefore(today)) {
                out.add(new Finding(Level.FAIL, b.goodsName() + " " + b.remaining() + b.unit() + " 已于 " + b.expiresOn() + " 过期"));
            } else if (!b.expiresOn().isAfter(today.plusDays(warningDays))) {
                out.add(new Finding(Level.WARN, b.goodsName() + " " + b.remaining() + b.unit() + " 将于 " + b.expiresOn() + " 过期"));
            }
        }
        return out;
    }

    static List<Finding> labels(List<Goods> goods) {
        List<Finding> out = new ArrayList<>();
        for (Goods g : goods) {
            if (g.printedPrice() == null) {
                out.add(new Finding(Level.UNKNOWN, g.name() + "：没有打印价签的记录，请现场核对"));
            } else if (g.printedPrice() != g.pointsPrice()) {
                out.add(new Finding(Level.FAIL, g.name() + "：价签印的是 " + g.printedPrice() + " 积分，现价 " + g.pointsPrice()
                        + " 积分，需重新打印"));
            }
        }
        return out;
    }

    static List<Finding> stock(int lowStockThreshold, List<Goods> goods) {
        List<Finding> out = new ArrayList<>();
        for (Goods g : goods) {
            if (g.stock() <= 0) {
                out.add(new Finding(Level.FAIL, g.name() + "：无库存"));
            } else if (g.stock() <= lowStockThreshold) {
                out.add(new Finding(Level.WARN, g.name() + "：库存仅剩 " + g.stock() + g.unit()));
            }
        }
        return out;
    }
}
