package org.jifen.ledgerbook;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.multipdf.PDFMergerUtility;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.jifen.common.DomainException;
import org.jifen.common.pdf.PdfRenderer;

import java.io.Closeable;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Renders the ledger as one PDF without holding the book in memory: each {@link LedgerBook.Chunk} (at most
 * {@link #ROWS} table lines) is its own small openhtmltopdf document written to a temporary file and numbered there
 * (第 N 页, continuing over the chunks, stamped with PDFBox since every chunk's own page counter starts at 1); PDFBox
 * merges the files into one file through temporary-file stream caches, and the caller streams that file. Photos go
 * into the folder as files and are linked by file URI. {@link Book#close()} removes the folder.
 */
@ApplicationScoped
public class LedgerBookPdf {

    /** Table lines per chunk: a chunk is a few dozen A4 pages at most. */
    static final int ROWS = 500;

    /** Chunks go into one openhtmltopdf document until their weights reach this (small months share a document). */
    static final int DOCUMENT_WEIGHT = 800;

    /** A finished PDF in its own temporary folder; closing deletes both. */
    public record Book(Path folder, Path pdf, int pages) implements Closeable {
        @Override
        public void close() {
            deleteTree(folder);
        }
    }

    @Inject
    LedgerBook book;

    @Inject
    PdfRenderer renderer;

    @Inject
    Pool pool;

    @Inject
    Vertx vertx;

    public Uni<Book> build(long villageId, int year) {
        File font = renderer.font().orElseThrow(LedgerBookPdf::noFont);
        return book.plan(villageId, year).flatMap(plan -> {
            Path folder = tempFolder();
            String title = plan.village().name() + " " + plan.year() + " 年度三合一总台账";
            List<Path> parts = new ArrayList<>();
            List<LedgerBook.Chunk> pending = new ArrayList<>();
            int[] pages = {0};
            int[] weight = {0};
            FontFile[] numbers = {null};
            Runnable renderPending = () -> {
                Path part = folder.resolve(String.format("part-%05d.pdf", parts.size()));
                if (numbers[0] == null) {
                    numbers[0] = FontFile.openUnchecked(font);
                }
                pages[0] += renderDocument(title, List.copyOf(pending), font, numbers[0], part, pages[0]);
                parts.add(part);
                pending.clear();
                weight[0] = 0;
            };
            return book.chunks(plan, ROWS, (owner, ownerId, photo) -> photoFile(folder, owner, photo))
                    .onItem().transformToUniAndConcatenate(chunk -> {
                        pending.add(chunk);
                        weight[0] += chunk.weight();
                        return weight[0] < DOCUMENT_WEIGHT ? Uni.createFrom().item(0)
                                : vertx.executeBlocking(Uni.createFrom().item(() -> {
                                    renderPending.run();
                                    return 0;
                                }));
                    })
                    .collect().last()
                    .flatMap(x -> vertx.executeBlocking(Uni.createFrom().item(() -> {
                        if (!pending.isEmpty()) {
                            renderPending.run();
                        }
                        closeQuietly(numbers[0]);
                        return merge(parts, folder, plan);
                    })))
                    .map(pdf -> new Book(folder, pdf, pages[0]))
                    .onTermination().invoke((pdf, failure, cancelled) -> {
                        if (failure != null || cancelled) {
                            closeQuietly(numbers[0]);
                            deleteTree(folder);
                        }
                    });
        });
    }

    private Uni<String> photoFile(Path folder, String owner, LedgerBookSql.PhotoHead photo) {
        Uni<byte[]> bytes = owner.equals("notice") ? LedgerBookSql.noticePhotoBytes(pool, photo.id())
                : LedgerBookSql.dayPhotoBytes(pool, photo.id());
        String ext = "image/png".equals(photo.contentType()) ? ".png" : ".jpg";
        return bytes.flatMap(b -> vertx.executeBlocking(Uni.createFrom().item(() -> {
            Path file = folder.resolve(owner + "-" + photo.id() + ext);
            try {
                Files.write(file, b);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return file.toUri().toString();
        })));
    }

    /** Renders chunks as one document to {@code out}, its pages numbered from {@code before + 1}; the number of its pages. */
    static int renderDocument(String title, List<LedgerBook.Chunk> chunks, File font, FontFile ttf, Path out, int before) {
        String xhtml = LedgerBook.Templates.pdf(title, chunks).render();
        Path raw = out.resolveSibling(out.getFileName() + ".raw");
        try {
            try (OutputStream os = Files.newOutputStream(raw)) {
                PdfRendererBuilder builder = new PdfRendererBuilder();
                builder.useFastMode();
                builder.useFont(font, PdfRenderer.FAMILY);
                builder.withHtmlContent(xhtml, out.getParent().toUri().toString());
                builder.toStream(os);
                builder.run();
            }
            try (PDDocument doc = Loader.loadPDF(raw.toFile(), IOUtils.createTempFileOnlyStreamCache())) {
                PDType0Font numbers = PDType0Font.load(doc, ttf.face(), true);
                int n = doc.getNumberOfPages();
                for (int i = 0; i < n; i++) {
                    stamp(doc, doc.getPage(i), numbers, "第 " + (before + i + 1) + " 页");
                }
                doc.save(out.toFile());
                return n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            raw.toFile().delete();
        }
    }

    private static void stamp(PDDocument doc, PDPage page, PDType0Font font, String text) throws IOException {
        float size = 9;
        float width = font.getStringWidth(text) / 1000 * size;
        float x = page.getMediaBox().getWidth() - 34 - width;  // right margin 12 mm = 34 pt
        try (PDPageContentStream cs = new PDPageContentStream(doc, page, PDPageContentStream.AppendMode.APPEND, true, true)) {
            cs.beginText();
            cs.setFont(font, size);
            cs.newLineAtOffset(x, 40);
            cs.showText(text);
            cs.endText();
        }
    }

    /** The CJK font as PDFBox reads it: the first face of a collection (.ttc), or the file itself; closing frees the file. */
    record FontFile(TrueTypeFont face, Closeable source) implements Closeable {
        static FontFile open(File font) throws IOException {
            if (font.getName().toLowerCase(java.util.Locale.ROOT).endsWith(".ttc")) {
                TrueTypeCollection collection = new TrueTypeCollection(font);
                TrueTypeFont[] first = new TrueTypeFont[1];
                collection.processAllFonts(f -> {
                    if (first[0] == null) {
                        first[0] = f;
                    }
                });
                return new FontFile(first[0], collection);
            }
            TrueTypeFont ttf = new TTFParser().parse(new RandomAccessReadBufferedFile(font));
            return new FontFile(ttf, ttf);
        }

        static FontFile openUnchecked(File font) {
            try {
                return open(font);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() throws IOException {
            source.close();
        }
    }

    static Path merge(List<Path> parts, Path folder, LedgerBook.Plan plan) {
        Path pdf = folder.resolve("ledger.pdf");
        try {
            PDFMergerUtility merger = new PDFMergerUtility();
            for (Path p : parts) {
                merger.addSource(p.toFile());
            }
            PDDocumentInformation info = new PDDocumentInformation();
            info.setTitle(plan.village().name() + " " + plan.year() + " 年度三合一总台账");
            info.setCreator("jifen");
            merger.setDestinationDocumentInformation(info);
            merger.setDestinationFileName(pdf.toString());
            merger.mergeDocuments(IOUtils.createTempFileOnlyStreamCache());
            parts.forEach(p -> p.toFile().delete());
            return pdf;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void closeQuietly(Closeable c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException e) {
                Log.debugf("closing the font: %s", e.getMessage());
            }
        }
    }

    private static Path tempFolder() {
        try {
            return Files.createTempDirectory("jifen-ledger-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteTree(Path folder) {
        try (var files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            Log.warnf("could not remove %s: %s", folder, e.getMessage());
        }
    }

    static DomainException noFont() {
        return new DomainException(503, "pdf.no-font", "服务器缺少中文字体，无法生成 PDF",
                "请安装中文 TrueType 字体（Debian/Ubuntu: apt-get install fonts-wqy-microhei），或用 jifen.pdf.font 指定字体文件；网页打印视图仍可使用。");
    }
}
