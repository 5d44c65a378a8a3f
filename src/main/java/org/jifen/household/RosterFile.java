package org.jifen.household;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.jifen.common.DomainException;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes roster files: CSV (UTF-8 with or without BOM, or GBK/GB18030 as Excel in China saves it)
 * and Excel workbooks (XLSX, also old XLS) through Apache POI. Blocking: call it off the event loop.
 */
public final class RosterFile {

    public static final String CSV = "text/csv";
    public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public static final int MAX_ROWS = 10_000;

    /** One household as exported. */
    public record Line(String number, String headName, String phone, String group, String members, String tags) {
    }

    private RosterFile() {
    }

    /** Parses a roster; 400 for an empty, unreadable or header-less file. The format is told by the bytes. */
    public static Roster.Sheet read(byte[] content, String charsetHint) {
        if (content == null || content.length == 0) {
            throw bad("household.import-empty", "文件为空", "上传的文件没有内容");
        }
        List<List<String>> table = isWorkbook(content) ? readWorkbook(content) : readCsv(decode(content, charsetHint));
        int headerIndex = -1;
        for (int i = 0; i < table.size(); i++) {
            if (table.get(i).stream().anyMatch(c -> c != null && !c.isBlank())) {
                headerIndex = i;
                break;
            }
        }
        if (headerIndex < 0) {
            throw bad("household.import-empty", "文件为空", "文件中没有表头和数据");
        }
        List<String> header = table.get(headerIndex).stream().map(h -> h == null ? "" : h.replace("\uFEFF", "").strip()).toList();
        List<String> missing = Roster.REQUIRED.stream().filter(h -> !header.contains(h)).toList();
        if (!missing.isEmpty()) {
            throw new DomainException(400, "household.import-bad-header", "表头不正确",
                    "第1行应为表头：户号,户主姓名,联系电话,村民小组；缺少：" + String.join("、", missing), missing);
        }
        List<Roster.RawRow> rows = new ArrayList<>();
        for (int i = headerIndex + 1; i < table.size(); i++) {
            List<String> cells = table.get(i);
            Map<String, String> byName = new HashMap<>();
            for (int c = 0; c < header.size() && c < cells.size(); c++) {
                if (!header.get(c).isEmpty()) {
                    byName.putIfAbsent(header.get(c), cells.get(c));
                }
            }
            Roster.RawRow raw = new Roster.RawRow(i + 1, byName);
            if (!raw.blank()) {
                rows.add(raw);
            }
            if (rows.size() > MAX_ROWS) {
                throw bad("household.import-too-many", "行数过多", "一次最多导入 " + MAX_ROWS + " 户，请分批导入");
            }
        }
        return new Roster.Sheet(header.contains(Roster.MEMBERS), header.contains(Roster.TAGS), rows);
    }

    static boolean isWorkbook(byte[] b) {
        boolean zip = b.length >= 4 && b[0] == 'P' && b[1] == 'K' && b[2] == 3 && b[3] == 4;
        boolean ole = b.length >= 8 && (b[0] & 0xff) == 0xD0 && (b[1] & 0xff) == 0xCF && (b[2] & 0xff) == 0x11 && (b[3] & 0xff) == 0xE0;
        return zip || ole;
    }

    /** UTF-8 (BOM stripped) unless the bytes are not valid UTF-8 or the client says otherwise: then GB18030 (a superset of GBK). */
    static String decode(byte[] content, String charsetHint) {
        if (content.length >= 3 && (content[0] & 0xff) == 0xEF && (content[1] & 0xff) == 0xBB && (content[2] & 0xff) == 0xBF) {
            return new String(content, 3, content.length - 3, StandardCharsets.UTF_8);
        }
        if (charsetHint != null && !charsetHint.isBlank()) {
            try {
                Charset cs = Charset.forName(charsetHint.strip());
                if (cs.name().equalsIgnoreCase("GBK") || cs.name().equalsIgnoreCase("GB2312") || cs.name().equalsIgnoreCase("GB18030")) {
                    return strict(content, Charset.forName("GB18030"));
                }
            } catch (IllegalArgumentException | CharacterCodingException ignored) {
                // fall back to detection below
            }
        }
        try {
            return strict(content, StandardCharsets.UTF_8);
        } catch (CharacterCodingException notUtf8) {
            try {
                return strict(content, Charset.forName("GB18030"));
            } catch (CharacterCodingException e) {
                throw bad("household.import-bad-file", "无法识别的文件", "文件既不是 UTF-8 / GBK 编码的 CSV，也不是 Excel 文件");
            }
        }
    }

    private static String strict(byte[] content, Charset cs) throws CharacterCodingException {
        return cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(content)).toString();
    }

    static List<List<String>> readCsv(String text) {
        if (text.indexOf('\0') >= 0) {
            throw bad("household.import-bad-file", "无法识别的文件", "文件不是文本格式的 CSV");
        }
        List<List<String>> table = new ArrayList<>();
        CSVFormat format = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(false).setTrim(true).get();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            for (CSVRecord record : parser) {
                List<String> cells = new ArrayList<>();
                record.forEach(cell -> cells.add(unsafe(cell)));
                table.add(cells);
                if (table.size() > MAX_ROWS + 100) {
                    throw bad("household.import-too-many", "行数过多", "一次最多导入 " + MAX_ROWS + " 户，请分批导入");
                }
            }
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            // the parser's own words (line and reason), not a wrapper's, which start with the Java class name
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            throw bad("household.import-bad-file", "CSV 格式有误", "CSV 文件无法解析（引号不配对或格式损坏）："
                    + (root.getMessage() == null ? "" : root.getMessage().replaceAll("\\s+", " ")));
        }
        return table;
    }

    static List<List<String>> readWorkbook(byte[] content) {
        try (Workbook wb = WorkbookFactory.create(new ByteArrayInputStream(content))) {
            if (wb.getNumberOfSheets() == 0) {
                throw bad("household.import-empty", "文件为空", "工作簿中没有工作表");
            }
            Sheet sheet = wb.getSheetAt(0);
            if (sheet.getLastRowNum() > MAX_ROWS + 100) {
                throw bad("household.import-too-many", "行数过多", "一次最多导入 " + MAX_ROWS + " 户，请分批导入");
            }
            DataFormatter formatter = new DataFormatter(java.util.Locale.CHINA);
            List<List<String>> table = new ArrayList<>();
            for (int r = 0; r <= sheet.getLastRowNum(); r++) {
                Row row = sheet.getRow(r);
                List<String> cells = new ArrayList<>();
                if (row != null) {
                    for (int c = 0; c < Math.max(0, row.getLastCellNum()) && c < 100; c++) {
                        Cell cell = row.getCell(c);
                        cells.add(cell == null ? "" : formatter.formatCellValue(cell).strip());
                    }
                }
                table.add(cells);
            }
            return table;
        } catch (DomainException e) {
            throw e;
        } catch (Exception | OutOfMemoryError e) {
            throw bad("household.import-bad-file", "Excel 文件无法读取", "文件已损坏或不是有效的 Excel 文件");
        }
    }

    public static byte[] writeCsv(List<Line> lines) {
        StringBuilder out = new StringBuilder("\uFEFF");
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setRecordSeparator("\r\n").get())) {
            printer.printRecord(Roster.HEADER);
            for (Line l : lines) {
                printer.printRecord(safe(l.number()), safe(l.headName()), safe(l.phone()), safe(l.group()), safe(l.members()),
                        safe(l.tags()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] writeXlsx(List<Line> lines) {
        try (SXSSFWorkbook wb = new SXSSFWorkbook(200); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            var sheet = wb.createSheet("农户名册");
            var text = wb.createDataFormat().getFormat("@");
            var style = wb.createCellStyle();
            style.setDataFormat(text);
            Row header = sheet.createRow(0);
            for (int c = 0; c < Roster.HEADER.size(); c++) {
                header.createCell(c).setCellValue(Roster.HEADER.get(c));
            }
            int r = 1;
            for (Line l : lines) {
                Row row = sheet.createRow(r++);
                String[] values = {l.number(), l.headName(), nz(l.phone()), nz(l.group()), nz(l.members()), nz(l.tags())};
                for (int c = 0; c < values.length; c++) {
                    Cell cell = row.createCell(c);
                    cell.setCellStyle(style);
                    cell.setCellValue(values[c]);
                }
            }
            wb.write(out);
            wb.dispose();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A cell that Excel would run as a formula (=, +, -, @) is written with a leading apostrophe. */
    static String safe(String s) {
        String v = nz(s);
        return !v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0 ? "'" + v : v;
    }

    /** Undoes {@link #safe(String)}, so an exported CSV imports back unchanged. */
    static String unsafe(String s) {
        return s != null && s.length() > 1 && s.charAt(0) == '\'' && "=+-@".indexOf(s.charAt(1)) >= 0 ? s.substring(1) : s;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static DomainException bad(String code, String title, String detail) {
        return new DomainException(400, code, title, detail, List.of("file"));
    }
}
