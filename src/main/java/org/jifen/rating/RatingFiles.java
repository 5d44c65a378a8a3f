package org.jifen.rating;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** The rating's spreadsheets: the town's report (every village's confirmed list) and the best households (评优评先). */
final class RatingFiles {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private RatingFiles() {
    }

    static String starName(int stars) {
        return stars <= 0 ? "无" : stars + "星";
    }

    /** Sheet 汇总: one line per village; sheet 星级名单: every household of every confirmed list. */
    static byte[] townReport(YearEndRatings.TownTable t) {
        return write(wb -> {
            Sheet sum = wb.createSheet("汇总");
            header(sum, "村（社区）", "确认时间", "确认人", "户数", "五星", "四星", "三星", "无星", "确认后有变动的户数");
            int r = 1;
            for (YearEndRatings.VillageSummary v : t.villages()) {
                Row row = sum.createRow(r++);
                row.createCell(0).setCellValue(v.name());
                if (v.confirmed()) {
                    row.createCell(1).setCellValue(v.confirmedAt());
                    row.createCell(2).setCellValue(v.confirmedByName());
                    row.createCell(3).setCellValue(v.counts().none() + v.counts().starred());
                    row.createCell(4).setCellValue(v.counts().five());
                    row.createCell(5).setCellValue(v.counts().four());
                    row.createCell(6).setCellValue(v.counts().three());
                    row.createCell(7).setCellValue(v.counts().none());
                    row.createCell(8).setCellValue(v.differences());
                } else {
                    row.createCell(1).setCellValue("未确认");
                }
            }
            Row total = sum.createRow(r);
            total.createCell(0).setCellValue("合计");
            total.createCell(3).setCellValue(t.counts().none() + t.counts().starred());
            total.createCell(4).setCellValue(t.counts().five());
            total.createCell(5).setCellValue(t.counts().four());
            total.createCell(6).setCellValue(t.counts().three());
            total.createCell(7).setCellValue(t.counts().none());

            Sheet list = wb.createSheet("星级名单");
            header(list, "村（社区）", "户号", "户主", "年度积分", "星级", "现星级（确认后变动）");
            int i = 1;
            for (YearEndRatings.TownRow row : t.rows()) {
                Row x = list.createRow(i++);
                x.createCell(0).setCellValue(row.villageName());
                x.createCell(1).setCellValue(safe(row.number()));
                x.createCell(2).setCellValue(safe(row.headName()));
                x.createCell(3).setCellValue(row.yearPoints());
                x.createCell(4).setCellValue(starName(row.confirmedStars()));
                x.createCell(5).setCellValue(row.changed() ? starName(row.stars()) : "");
            }
        });
    }

    static byte[] top(int year, List<YearEndRatings.Top> tops) {
        return write(wb -> {
            Sheet s = wb.createSheet(year + "年度积分排名");
            header(s, "村（社区）", "名次", "户号", "户主", "组", "年度积分", "星级");
            int i = 1;
            for (YearEndRatings.Top t : tops) {
                Row x = s.createRow(i++);
                x.createCell(0).setCellValue(t.villageName());
                x.createCell(1).setCellValue(t.rank());
                x.createCell(2).setCellValue(safe(t.number()));
                x.createCell(3).setCellValue(safe(t.headName()));
                x.createCell(4).setCellValue(safe(t.group()));
                x.createCell(5).setCellValue(t.yearPoints());
                x.createCell(6).setCellValue(starName(t.stars()));
            }
        });
    }

    private interface Filler {
        void fill(SXSSFWorkbook wb);
    }

    private static byte[] write(Filler filler) {
        try (SXSSFWorkbook wb = new SXSSFWorkbook(200); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            filler.fill(wb);
            wb.write(out);
            wb.dispose();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void header(Sheet s, String... names) {
        Row h = s.createRow(0);
        for (int c = 0; c < names.length; c++) {
            h.createCell(c).setCellValue(names[c]);
        }
    }

    /** A cell that Excel would run as a formula (=, +, -, @) is written with a leading apostrophe. */
    static String safe(String s) {
        String v = s == null ? "" : s;
        return !v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0 ? "'" + v : v;
    }
}
