package org.jifen.rating;

import io.quarkus.test.junit.QuarkusTest;
import org.apache.pdfbox.Loader;
import org.jifen.support.Api;
import org.jifen.support.TestDatabase;
import org.jifen.support.TestMonths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import static org.jifen.support.Api.as;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Measures (prints, asserts no time) the year-end rating of a village of 1,000 households with a year of postings
 * (24,000 ADJUST postings, by SQL through the ledger trigger; months closed by fixture): confirming, reading the
 * confirmed list with its differences, and the town's JSON, XLSX and PDF. Run with
 * {@code ./mvnw -B verify -Dtest=RatingMeasure -Dratingmeasure=true} (the line goes to target/rating-measure.txt).
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "ratingmeasure", matches = "true")
class RatingMeasure {

    @Test
    void measureTheYearEndOfAThousandHouseholds() throws Exception {
        long v = Api.village();
        String secretary = Api.staff("SECRETARY", v);
        int year = ClosedYear.lastYear();
        try (var c = TestDatabase.connect(); var s = c.createStatement()) {
            s.execute("""
                    INSERT INTO household (village_id, number, head_name) SELECT %d, 'R' || g, '户主' || g FROM generate_series(1, 1000) g;
                    INSERT INTO posting (household_id, village_id, type, points, month, cause_type, actor, seq, prev_hash, hash)
                    SELECT h.id, h.village_id, 'ADJUST', h.id %% 35, '%d-' || lpad(m::text, 2, '0'), 'adjustment', 'm', 0, '', ''
                    FROM household h, generate_series(1, 12) m, generate_series(1, 2) k WHERE h.village_id = %d ORDER BY h.id, m, k;
                    """.formatted(v, year, v));
        }
        for (int m = 1; m <= 12; m++) {
            TestMonths.close(v, String.format("%d-%02d", year, m));
        }
        long t0 = System.nanoTime();
        int rated = as(secretary).post("/api/villages/" + v + "/years/" + year + "/ratings/confirm").then().statusCode(200)
                .extract().jsonPath().getList("ratings").size();
        long confirmMs = ms(t0);
        long t1 = System.nanoTime();
        as(secretary).get("/api/villages/" + v + "/years/" + year + "/ratings/confirmed").then().statusCode(200);
        long readMs = ms(t1);
        long t2 = System.nanoTime();
        as(Api.admin()).get("/api/town/years/" + year + "/ratings/confirmed").then().statusCode(200);
        long townMs = ms(t2);
        long t3 = System.nanoTime();
        byte[] xlsx = as(Api.admin()).get("/api/town/years/" + year + "/ratings.xlsx").then().statusCode(200).extract().asByteArray();
        long xlsxMs = ms(t3);
        long t4 = System.nanoTime();
        byte[] pdf = as(Api.admin()).get("/api/town/years/" + year + "/ratings.pdf").then().statusCode(200).extract().asByteArray();
        long pdfMs = ms(t4);
        // again, warm (POI and the PDF font loaded once)
        long t5 = System.nanoTime();
        as(Api.admin()).get("/api/town/years/" + year + "/ratings.xlsx").then().statusCode(200);
        long xlsxWarmMs = ms(t5);
        long t6 = System.nanoTime();
        as(Api.admin()).get("/api/town/years/" + year + "/ratings.pdf").then().statusCode(200);
        long pdfWarmMs = ms(t6);
        int pages;
        try (var doc = Loader.loadPDF(pdf)) {
            pages = doc.getNumberOfPages();
        }
        String line = String.format("rating measure: %d households, %d postings: confirm %d ms; confirmed+differences %d ms; "
                        + "town table (all villages of the test town) %d ms; town xlsx %d ms (warm %d ms), %d bytes; town pdf %d ms (warm %d ms), %d bytes, %d pages%n",
                rated, 24000, confirmMs, readMs, townMs, xlsxMs, xlsxWarmMs, xlsx.length, pdfMs, pdfWarmMs, pdf.length, pages);
        System.err.print(line);
        Files.writeString(Path.of("target", "rating-measure.txt"), line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        assertEquals(1000, rated);
    }

    private static long ms(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
