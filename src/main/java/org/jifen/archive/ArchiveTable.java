package org.jifen.archive;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

import static org.jifen.common.ChinaTime.ZONE;

/**
 * An XLSX table of the archive, written row by row with POI's streaming workbook (only a window of rows in
 * memory, the rest spooled to a temporary file), so a year of 1,000 households' entries fits. Use with
 * try-with-resources: {@link #close()} writes the workbook into the archive and deletes the spool.
 */
public final class ArchiveTable implements AutoCloseable {

    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final SXSSFWorkbook book = new SXSSFWorkbook(200);
    private final OutputStream out;
    private Sheet sheet;
    private int next;

    public ArchiveTable(ArchiveWriter writer, String path) throws IOException {
        this.out = writer.open(path);
    }

    /** Starts a sheet with its header row. */
    public ArchiveTable sheet(String name, String... headers) {
        sheet = book.createSheet(name);
        next = 0;
        row((Object[]) headers);
        return this;
    }

    /** One row: numbers as numbers, dates as text {@code 2027-03-15}, times in China time, null as blank. */
    public void row(Object... values) {
        Row row = sheet.createRow(next++);
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            if (v == null) {
                continue;
            }
            Cell cell = row.createCell(i);
            if (v instanceof Number n) {
                cell.setCellValue(n.doubleValue());
            } else if (v instanceof OffsetDateTime t) {
                cell.setCellValue(AT.format(t.atZoneSameInstant(ZONE)));
            } else if (v instanceof LocalDate d) {
                cell.setCellValue(d.toString());
            } else if (v instanceof Boolean b) {
                cell.setCellValue(b ? "是" : "否");
            } else {
                cell.setCellValue(v.toString());
            }
        }
    }

    public void rows(List<Object[]> rows) {
        rows.forEach(this::row);
    }

    @Override
    public void close() throws IOException {
        try {
            book.write(out);
        } finally {
            book.close();
        }
    }

    /** Fen as yuan with two decimals, the way the town's forms show money. */
    public static String yuan(long cents) {
        return java.math.BigDecimal.valueOf(cents, 2).toPlainString();
    }
}
