package org.jifen.funds;

import io.quarkus.test.junit.QuarkusTest;
import org.jifen.support.Api;
import org.jifen.support.TestDatabase;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.jifen.support.Api.as;

/**
 * Not part of the test suite (no *Test name): {@code bench/archive.sh} runs it. Builds two villages by SQL and times
 * the yearly archive download over HTTP: a demo-sized one (60 households, a few photos) and a large one (1,000
 * households, a year of entries, 12 redemption days, many photos and vouchers of incompressible bytes). Prints size,
 * time, files and the heap in use after a GC before and after (the archive streams, so it should not grow).
 */
@QuarkusTest
class ArchiveBenchmark {

    static final int PHOTO_KB = Integer.getInteger("bench.photo-kb", 300);

    @Test
    void measure() throws Exception {
        run("demo", 60, 600, 6, 2, 5, 20);
        run("many-photos", 1000, 12_000, 400, 10, 60, 2_000 / 10);
    }

    /** households, entries, entry photos, photos per redemption day, purchases (2 vouchers each), fund receipts. */
    void run(String label, int households, int entries, int entryPhotos, int dayPhotos, int purchases, int receipts) throws Exception {
        long v = Api.village();
        String secretary = Api.staff("SECRETARY", v);
        Random random = new Random(42);
        try (Connection c = TestDatabase.connect()) {
            c.setAutoCommit(false);
            exec(c, "INSERT INTO household (village_id, number, head_name) SELECT " + v + ", lpad(i::text, 4, '0'), '户主' || i FROM generate_series(1, " + households + ") i");
            exec(c, "INSERT INTO catalog_item (town_id, village_id, code, category, title, points, unit) SELECT town_id, id, 'B" + v + "', '测试', '测试事项', 5, '次' FROM village WHERE id = " + v);
            exec(c, """
                    INSERT INTO entry (village_id, household_id, item_id, item_code, item_title, unit_points, quantity, points, occurred_on, month,
                                       status, recorded_by, recorded_by_id)
                    SELECT %d, h.id, i.id, i.code, i.title, 5, 1, 5, d, to_char(d, 'YYYY-MM'), 'APPROVED', 'bench', 1
                      FROM (SELECT n, date '2025-01-01' + (n %% 365) AS d FROM generate_series(1, %d) n) x
                      JOIN LATERAL (SELECT id FROM household WHERE village_id = %d ORDER BY id OFFSET (x.n %% %d) LIMIT 1) h ON true
                      CROSS JOIN (SELECT id, code, title FROM catalog_item WHERE code = 'B%d') i""".formatted(v, entries, v, households, v));
            exec(c, "INSERT INTO redemption_day (village_id, day, title, created_by) SELECT " + v + ", make_date(2025, m, 15), m || '月兑换日', 'bench' FROM generate_series(1, 12) m");
            exec(c, "INSERT INTO goods (village_id, name, unit, points_price) VALUES (" + v + ", '大米', '袋', 10)");
            exec(c, "INSERT INTO purchase (village_id, supplier, purchased_on, total_cents, actor) SELECT " + v + ", '供销社', date '2025-01-05' + n * 5, 10000, 'bench' FROM generate_series(1, " + purchases + ") n");
            exec(c, "INSERT INTO fund_receipt (village_id, source, amount_cents, received_on, actor) SELECT " + v + ", '上级拨款', 100000, date '2025-01-02' + n, 'bench' FROM generate_series(1, " + receipts + ") n");
            photos(c, random, "INSERT INTO entry_photo (entry_id, content_type, size, sha256, data, uploaded_by) VALUES (?, 'image/jpeg', ?, ?, ?, 'bench')",
                    ids(c, "SELECT id FROM entry WHERE village_id = " + v + " ORDER BY id"), entryPhotos, true);
            photos(c, random, "INSERT INTO redemption_day_photo (redemption_day_id, content_type, data, created_by) VALUES (?, 'image/jpeg', ?, 'bench')",
                    ids(c, "SELECT id FROM redemption_day WHERE village_id = " + v + " ORDER BY day"), 12 * dayPhotos, false);
            photos(c, random, "INSERT INTO voucher (village_id, purchase_id, kind, content_type, size, sha256, data, uploaded_by) VALUES (" + v + ", ?, 'PAYMENT', 'image/jpeg', ?, ?, ?, 'bench')",
                    ids(c, "SELECT id FROM purchase WHERE village_id = " + v + " ORDER BY id"), 2 * purchases, true);
            photos(c, random, "INSERT INTO voucher (village_id, fund_receipt_id, kind, content_type, size, sha256, data, uploaded_by) VALUES (" + v + ", ?, 'RECEIPT', 'image/jpeg', ?, ?, ?, 'bench')",
                    ids(c, "SELECT id FROM fund_receipt WHERE village_id = " + v + " ORDER BY id"), receipts, true);
            c.commit();
        }
        Runtime rt = Runtime.getRuntime();
        System.gc();
        long heapBefore = rt.totalMemory() - rt.freeMemory();
        long t = System.nanoTime();
        long bytes = 0;
        int files = 0;
        try (InputStream in = as(secretary).get("/api/villages/" + v + "/years/2025/archive.zip").then().statusCode(200)
                .extract().asInputStream(); ZipInputStream zip = new ZipInputStream(new CountingStream(in))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                zip.transferTo(java.io.OutputStream.nullOutputStream());
                files++;
            }
        }
        double seconds = (System.nanoTime() - t) / 1e9;
        bytes = CountingStream.last;
        System.gc();
        long heapAfter = rt.totalMemory() - rt.freeMemory();
        System.out.printf("BENCH archive %s: %d households, %d entries, %d photos+vouchers of %d KB: %d files, %.1f MB in %.1f s (%.1f MB/s); heap after GC %d MB before, %d MB after, max heap %d MB%n",
                label, households, entries, entryPhotos + 12 * dayPhotos + 2 * purchases + receipts, PHOTO_KB, files,
                bytes / 1e6, seconds, bytes / 1e6 / seconds, heapBefore >> 20, heapAfter >> 20, rt.maxMemory() >> 20);
    }

    static void exec(Connection c, String sql) throws Exception {
        try (var s = c.createStatement()) {
            s.execute(sql);
        }
    }

    static java.util.List<Long> ids(Connection c, String sql) throws Exception {
        java.util.List<Long> out = new java.util.ArrayList<>();
        try (var s = c.createStatement(); var r = s.executeQuery(sql)) {
            while (r.next()) {
                out.add(r.getLong(1));
            }
        }
        return out;
    }

    /** {@code count} photos spread over the owners (round robin), the owner id first, then the photo's columns. */
    static void photos(Connection c, Random random, String sql, java.util.List<Long> owners, int count, boolean sized) throws Exception {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            for (int i = 0; i < count; i++) {
                byte[] data = new byte[PHOTO_KB * 1024];
                random.nextBytes(data);
                data[0] = (byte) 0xFF;
                data[1] = (byte) 0xD8;
                data[2] = (byte) 0xFF;
                int k = 1;
                p.setLong(k++, owners.get(i * owners.size() / count));
                if (sized) {
                    p.setInt(k++, data.length);
                    p.setString(k++, org.jifen.common.Photos.sha256(data));
                }
                p.setBytes(k, data);
                p.executeUpdate();
            }
        }
    }

    /** Counts the bytes read from the response. */
    static final class CountingStream extends java.io.FilterInputStream {
        static long last;

        CountingStream(InputStream in) {
            super(in);
            last = 0;
        }

        @Override
        public int read() throws java.io.IOException {
            int b = super.read();
            if (b >= 0) {
                last++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws java.io.IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                last += n;
            }
            return n;
        }
    }
}
