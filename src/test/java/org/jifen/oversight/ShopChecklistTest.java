package org.jifen.oversight;

import org.jifen.oversight.ShopChecklist.Batch;
import org.jifen.oversight.ShopChecklist.Finding;
import org.jifen.oversight.ShopChecklist.Goods;
import org.jifen.oversight.ShopChecklist.Level;
import org.jifen.oversight.ShopChecklist.Point;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class ShopChecklistTest {

    static final LocalDate TODAY = LocalDate.parse("2026-06-15");

    static Point point(List<Point> points, String code) {
        return points.stream().filter(p -> p.code().equals(code)).findFirst().orElseThrow();
    }

    @Test
    void shouldFailExpiredBatchesAndWarnOfThoseExpiringWithinTheWarningDays() {
        List<Point> points = ShopChecklist.prefill(TODAY, 14, 5, List.of(
                new Batch("牛奶", "盒", 6, TODAY.minusDays(1)),
                new Batch("饼干", "袋", 3, TODAY.plusDays(14)),
                new Batch("面条", "袋", 9, TODAY.plusDays(15)),
                new Batch("盐", "袋", 9, null),
                new Batch("酸奶", "盒", 0, TODAY.minusDays(3))), List.of());
        Point p = point(points, "not-expired");
        assertEquals(List.of(new Finding(Level.FAIL, "牛奶 6盒 已于 2026-06-14 过期"), new Finding(Level.WARN, "饼干 3袋 将于 2026-06-29 过期")),
                p.findings());
        assertTrue(p.suggestsFail());
    }

    @Test
    void shouldTellStaleAndUnknownLabelsAndEmptyOrLowStock() {
        List<Point> points = ShopChecklist.prefill(TODAY, 14, 5, List.of(), List.of(
                new Goods("大米", "袋", 35, 0, 30), new Goods("香皂", "块", 5, 5, 5), new Goods("毛巾", "条", 8, 20, null)));
        assertEquals(List.of(Level.FAIL, Level.UNKNOWN), point(points, "labelled").findings().stream().map(Finding::level).toList());
        assertEquals(List.of(new Finding(Level.FAIL, "大米：无库存"), new Finding(Level.WARN, "香皂：库存仅剩 5块")),
                point(points, "stocked").findings());
        assertFalse(ShopChecklist.prefill(TODAY, 14, 5, List.of(), List.of(new Goods("毛巾", "条", 8, 20, null)))
                .stream().anyMatch(Point::suggestsFail), "an unknown label alone is no failure");
    }

    @Test
    void shouldListTheFivePointsOfTheServiceStandardInOrder() {
        assertEquals(List.of("clean", "not-expired", "tidy", "labelled", "stocked"),
                ShopChecklist.prefill(TODAY, 14, 5, List.of(), List.of()).stream().map(Point::code).toList());
    }
}
