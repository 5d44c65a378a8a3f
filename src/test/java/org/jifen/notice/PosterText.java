package org.jifen.notice;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;

/** Text of a PDF, by PDFBox. */
final class PosterText {

    private PosterText() {
    }

    static String extract(byte[] pdf) throws Exception {
        try (var doc = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(doc);
        }
    }
}
