package org.jifen.villagerating;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The village ratings as a spreadsheet: one sheet 文明信用村评定, one line per village, then the weights used. */
final class VillageRatingFiles {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private VillageRatingFiles() {
    }

    static byte[] xlsx(String townName, VillageRatings.YearView y) {
        try (SXSSFWorkbook wb = new SXSSFWorkbook(200); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet s = wb.createSheet("文明信用村评定");
            Row title = s.createRow(0);
            title.createCell(0).setCellValue(townName + " " + y.year() + " 年度文明信用村评定" + (y.published() ? "" : "（未发布）"));
            Row h = s.createRow(1);
            int c = 0;
            h.createCell(c++).setCellValue("村（社区）");
            for (VillageRatingRule.Measure m : VillageRatingRule.Measure.values()) {
                h.createCell(c++).setCellValue(m.label + "（%）");
                h.createCell(c++).setCellValue(m.label + "（达标/应计）");
            }
            h.createCell(c++).setCellValue("得分");
            h.createCell(c).setCellValue("等级");
            int r = 2;
            for (VillageRating v : y.villages()) {
                Row row = s.createRow(r++);
                int i = 0;
                row.createCell(i++).setCellValue(safe(v.name()));
                for (VillageRating.Measure m : v.measureList()) {
                    if (m.missing()) {
                        row.createCell(i++).setCellValue("不计");
                        row.createCell(i++).setCellValue("—");
                    } else {
                        row.createCell(i++).setCellValue(m.percent().doubleValue());
                        row.createCell(i++).setCellValue(m.done() + "/" + m.of());
                    }
                }
                if (v.score() != null) {
                    row.createCell(i).setCellValue(v.score().doubleValue());
                }
                i++;
                row.createCell(i).setCellValue(v.gradeLabel());
            }
            r++;
            Row w = s.createRow(r++);
            w.createCell(0).setCellValue("权重");
            int i = 1;
            for (VillageRatingRule.Measure m : VillageRatingRule.Measure.values()) {
                w.createCell(i).setCellValue(y.weights().get(m.code));
                i += 2;
            }
            s.createRow(r++).createCell(0).setCellValue("等级：得分 ≥ " + y.excellent() + " 文明信用村，≥ " + y.good()
                    + " 良好，其余待改进；没有可计项目的指标不计入，其余权重按比例折算。异议应在 " + y.objectionDays() + " 天内答复。");
            s.createRow(r).createCell(0).setCellValue(y.published() ? "已发布：" + y.publishedAt().toLocalDate() + " " + y.publishedBy()
                    : "未发布：按当前记录和设置实时计算");
            wb.write(out);
            wb.dispose();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A cell that Excel would run as a formula (=, +, -, @) is written with a leading apostrophe. */
    static String safe(String s) {
        String v = s == null ? "" : s;
        return !v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0 ? "'" + v : v;
    }
}
