package org.jifen.common.pdf;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jifen.common.DomainException;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Renders well-formed XHTML to PDF with openhtmltopdf, off the event loop. Chinese needs a TrueType CJK
 * font: {@code jifen.pdf.font}, else the first of the usual Linux, Windows and macOS places. Without one,
 * a 503 problem {@code pdf.no-font} says what to install (HTML print views keep working).
 * Templates name the font family {@value #FAMILY} in their CSS.
 */
@ApplicationScoped
public class PdfRenderer {

    public static final String FAMILY = "jifen-cjk";

    static final List<String> KNOWN_FONTS = List.of(
            "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
            "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
            "/usr/share/fonts/wqy-microhei/wqy-microhei.ttc",
            "/usr/share/fonts/truetype/arphic/uming.ttc",
            "C:/Windows/Fonts/msyh.ttc",
            "C:/Windows/Fonts/simsun.ttc",
            "C:/Windows/Fonts/simhei.ttf",
            "/System/Library/Fonts/PingFang.ttc",
            "/System/Library/Fonts/STHeiti Medium.ttc",
            "/Library/Fonts/Arial Unicode.ttf");

    @Inject
    Vertx vertx;

    @ConfigProperty(name = "jifen.pdf.font")
    Optional<String> configuredFont;

    /** The CJK font file in use, if any. */
    public Optional<File> font() {
        if (configuredFont.isPresent() && !configuredFont.get().isBlank()) {
            File f = new File(configuredFont.get());
            return f.canRead() ? Optional.of(f) : Optional.empty();
        }
        return KNOWN_FONTS.stream().map(Path::of).filter(Files::isReadable).findFirst().map(Path::toFile);
    }

    public Uni<byte[]> render(String xhtml) {
        File font = font().orElseThrow(PdfRenderer::noFont);
        return vertx.executeBlocking(Uni.createFrom().item(() -> renderNow(xhtml, font)));
    }

    static byte[] renderNow(String xhtml, File font) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.useFont(font, FAMILY);
            builder.withHtmlContent(xhtml, null);
            builder.toStream(out);
            builder.run();
            return out.toByteArray();
        } catch (Exception e) {
            throw new IllegalStateException("PDF rendering failed", e);
        }
    }

    static DomainException noFont() {
        return new DomainException(503, "pdf.no-font", "服务器缺少中文字体，无法生成 PDF",
                "请安装中文 TrueType 字体（Debian/Ubuntu: apt-get install fonts-wqy-microhei），或用 jifen.pdf.font 指定字体文件；网页打印视图仍可使用。");
    }
}
