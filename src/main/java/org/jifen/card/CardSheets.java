package org.jifen.card;

import io.quarkus.qute.Engine;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jifen.common.DomainException;
import org.jifen.common.QrCodes;
import org.jifen.common.db.Sql;
import org.jifen.common.pdf.PdfRenderer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The printable A4 card sheet (HTML print view and PDF) from the Qute template {@code card-sheet.html}: the
 * town's own copy in {@code jifen.card.template-dir} when there is one, else the one in the jar.
 */
@ApplicationScoped
public class CardSheets {

    /** Cards per A4 page: two columns of five (85.6 × 54 mm each, the size of a bank card). */
    public static final int PER_PAGE = 10;

    public record SheetCard(String number, String headName, String group, String qrText, String qr, int cardVersion) {
    }

    @Inject
    CardService cards;

    @Inject
    CardConfig config;

    @Inject
    QrCodes qr;

    @Inject
    PdfRenderer pdf;

    @Inject
    Vertx vertx;

    @Inject
    Pool pool;

    @Inject
    Engine engine;

    @Inject
    @Location("card/card-sheet.html")
    Template builtIn;

    private volatile Template custom;
    private volatile FileTime customTime;

    /** The sheet as (X)HTML; {@code forPdf} drops the on-screen print button. {@code householdId} null: all cards. */
    public Uni<String> html(long villageId, Long householdId, boolean forPdf) {
        return Sql.one(pool, "SELECT v.name AS village, t.name AS town FROM village v JOIN town t ON t.id = v.town_id WHERE v.id = $1",
                        Sql.args(villageId), "该村（社区）", r -> new Place(r.getString("town"), r.getString("village")))
                .flatMap(place -> cards.cardsOf(villageId, householdId).flatMap(list -> {
                    if (householdId != null && list.isEmpty()) {
                        throw DomainException.notFound("该农户的有效积分卡");
                    }
                    return vertx.executeBlocking(Uni.createFrom().item(() -> render(place.town(), place.village(), list, forPdf)));
                }));
    }

    private record Place(String town, String village) {
    }

    public Uni<byte[]> pdf(long villageId, Long householdId) {
        pdf.font().orElseThrow(() -> new DomainException(503, "pdf.no-font", "服务器缺少中文字体，无法生成 PDF",
                "请安装中文 TrueType 字体（Debian/Ubuntu: apt-get install fonts-wqy-microhei），或用 jifen.pdf.font 指定字体文件；网页打印视图仍可使用。"));
        return html(villageId, householdId, true).flatMap(pdf::render);
    }

    String render(String town, String village, List<CardService.PrintedCard> list, boolean forPdf) {
        List<List<SheetCard>> pages = new ArrayList<>();
        for (int i = 0; i < list.size(); i += PER_PAGE) {
            pages.add(list.subList(i, Math.min(list.size(), i + PER_PAGE)).stream()
                    .map(c -> new SheetCard(c.number(), c.headName(), c.group(), c.qrText(), qr.dataUri(c.qrText(), 330), c.cardVersion()))
                    .toList());
        }
        return template().data("town", town).data("village", village).data("pages", pages)
                .data("count", list.size()).data("pdf", forPdf).render();
    }

    Template template() {
        var dir = config.templateDir().filter(d -> !d.isBlank());
        if (dir.isEmpty()) {
            return builtIn;
        }
        Path file = Path.of(dir.get(), "card-sheet.html");
        try {
            if (!Files.isReadable(file)) {
                return builtIn;
            }
            FileTime time = Files.getLastModifiedTime(file);
            if (custom == null || !time.equals(customTime)) {
                custom = engine.parse(Files.readString(file));
                customTime = time;
            }
            return custom;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read card template " + file, e);
        }
    }
}
