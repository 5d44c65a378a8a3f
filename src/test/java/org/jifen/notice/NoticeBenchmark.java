package org.jifen.notice;

import io.quarkus.test.junit.QuarkusTest;
import org.jifen.support.Api;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static io.restassured.RestAssured.given;
import static org.jifen.notice.NoticeFixture.*;

/**
 * Not part of the test suite (no *Test name): {@code bench/notice.sh} runs it. Times, over HTTP on this
 * machine, the public notice page and the poster PDF of a village of 1,000 households.
 */
@QuarkusTest
class NoticeBenchmark {

    static final int HOUSEHOLDS = Integer.getInteger("bench.households", 1000);

    @Test
    void measure() throws Exception {
        long v = Api.village();
        String secretary = secretary(v);
        bulkHouseholds(v, HOUSEHOLDS, 2025, 1);
        Published p = published(v, secretary, 2025, 1);
        String page = "/notices/" + p.noticeId();

        long t = System.nanoTime();
        String etag = given().get(page).then().statusCode(200).extract().header("ETag");
        double firstPage = ms(t);
        double[] pages = new double[20];
        for (int i = 0; i < pages.length; i++) {
            t = System.nanoTime();
            given().get(page).then().statusCode(200);
            pages[i] = ms(t);
        }
        double[] notModified = new double[20];
        for (int i = 0; i < notModified.length; i++) {
            t = System.nanoTime();
            given().header("If-None-Match", etag).get(page).then().statusCode(304);
            notModified[i] = ms(t);
        }
        t = System.nanoTime();
        byte[] a4 = given().get(page + "/poster.pdf").then().statusCode(200).extract().asByteArray();
        double pdfA4 = ms(t);
        t = System.nanoTime();
        byte[] a3 = given().queryParam("size", "A3").get(page + "/poster.pdf").then().statusCode(200).extract().asByteArray();
        double pdfA3 = ms(t);
        t = System.nanoTime();
        given().get(page + "/poster.pdf").then().statusCode(200);
        double pdfCached = ms(t);
        int a4Pages;
        int a3Pages;
        try (var d4 = org.apache.pdfbox.Loader.loadPDF(a4); var d3 = org.apache.pdfbox.Loader.loadPDF(a3)) {
            a4Pages = d4.getNumberOfPages();
            a3Pages = d3.getNumberOfPages();
        }
        System.out.printf("BENCH notice households=%d%n", HOUSEHOLDS);
        System.out.printf("BENCH notice page: first %.0f ms, then median %.1f ms (min %.1f, max %.1f) over %d GETs%n",
                firstPage, median(pages), min(pages), max(pages), pages.length);
        System.out.printf("BENCH notice page with If-None-Match: median %.1f ms (304)%n", median(notModified));
        System.out.printf("BENCH poster.pdf A4: %.0f ms, %d pages, %d KB (first rendering)%n", pdfA4, a4Pages, a4.length / 1024);
        System.out.printf("BENCH poster.pdf A3: %.0f ms, %d pages, %d KB (first rendering)%n", pdfA3, a3Pages, a3.length / 1024);
        System.out.printf("BENCH poster.pdf A4 again: %.0f ms (cached)%n", pdfCached);
    }

    static double ms(long start) {
        return (System.nanoTime() - start) / 1e6;
    }

    static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    static double min(double[] xs) {
        return Arrays.stream(xs).min().orElse(0);
    }

    static double max(double[] xs) {
        return Arrays.stream(xs).max().orElse(0);
    }
}
