package org.jifen.notice;

import io.quarkus.qute.TemplateData;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jifen.common.ChinaTime;
import org.jifen.common.DomainException;
import org.jifen.common.QrCodes;
import org.jifen.common.pdf.PdfRenderer;
import org.jifen.notice.NoticeRules.Row;
import org.jifen.notice.NoticeRules.WindowState;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The public face of the notices (no login): a village's notice board, each published notice's page
 * (searchable, with answered objections and, during the notice period, a form to object) and its poster as
 * a print view and a PDF. Published notices never change, so pages carry an ETag and answer 304.
 */
@Path("/")
public class NoticePages {

    static final DateTimeFormatter CN_DATE = DateTimeFormatter.ofPattern("yyyy年M月d日", Locale.CHINA);

    /** The header of a notice as pages and posters show it. */
    @TemplateData
    public record Header(long id, long villageId, String villageName, String townName, int year, int quarter, String title,
                         String period, String statisticsDate, String noticeFrom, String noticeTo, String signatory,
                         String contact, String contentHash, List<String> monthSeals, String publicUrl,
                         boolean windowOpen, boolean windowNotStarted, boolean windowEnded, boolean masked) {

        /** The first 16 hex digits, for running headers. */
        public String shortHash() {
            return contentHash.substring(0, 16);
        }
    }

    /** One public row; {@code key} is what the inline search matches (number and shown name). */
    @TemplateData
    public record PublicRow(int rank, String number, String name, int quarterPoints, int bonusPoints, int yearPoints,
                            int availablePoints, String key) {
    }

    @TemplateData
    public record PublicAnswer(long id, String text, String answer, boolean upheld, String answeredOn) {
    }

    @TemplateData
    public record BoardItem(long id, String title, String period, String publishedOn) {
    }

    @Inject
    NoticeService notices;

    @Inject
    ObjectionService objections;

    @Inject
    NoticeTemplates templates;

    @Inject
    NoticeConfig config;

    @Inject
    ChinaTime time;

    @Inject
    QrCodes qr;

    @Inject
    PdfRenderer pdf;

    @Inject
    PosterCache posters;

    @GET
    @Path("/notices/{noticeId}")
    @PermitAll
    @Produces(MediaType.TEXT_HTML)
    public Uni<Response> page(@PathParam("noticeId") long noticeId, @QueryParam("q") String q, @QueryParam("filed") String filed,
                              @HeaderParam("If-None-Match") String ifNoneMatch) {
        String query = q == null ? "" : q.strip();
        boolean justFiled = "1".equals(filed);
        return notices.publicMeta(noticeId).flatMap(meta -> {
            NoticeTemplates.Resolved template = templates.get(NoticeTemplates.PAGE);
            Header header = header(meta);
            String etag = "W/\"n" + noticeId + "-" + meta.notice().contentHash().substring(0, 16) + "-" + meta.answered() + "-"
                    + meta.answersVersion() + "-" + (meta.maskNames() ? "m" : "f") + "-" + windowCode(header) + "-"
                    + template.version() + "-" + NoticeRules.sha256((query + "|" + justFiled).getBytes(StandardCharsets.UTF_8))
                    .substring(0, 8) + "\"";
            if (matches(ifNoneMatch, etag)) {
                return Uni.createFrom().item(cached(Response.notModified(), etag).build());
            }
            return notices.rows(noticeId).flatMap(rows -> objections.answered(noticeId).map(answered -> {
                List<PublicRow> all = publicRows(rows, meta.maskNames());
                List<PublicRow> shown = query.isEmpty() ? all
                        : all.stream().filter(r -> r.number().contains(query) || r.name().contains(query)).toList();
                List<PublicAnswer> answers = answered.stream().map(o -> new PublicAnswer(o.id(), o.text(), o.answer(),
                        Boolean.TRUE.equals(o.upheld()), o.answeredAt().atZoneSameInstant(ChinaTime.ZONE).toLocalDate()
                        .format(CN_DATE))).toList();
                String html = template.template().data("n", header).data("rows", shown).data("total", all.size())
                        .data("q", query).data("answers", answers).data("filed", justFiled).render();
                return cached(Response.ok(html, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")), etag).build();
            }));
        });
    }

    /** The same objection as the JSON call, from the page's form; back to the page with a thank-you. */
    @POST
    @Path("/notices/{noticeId}/objections")
    @PermitAll
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> object(@PathParam("noticeId") long noticeId, @FormParam("text") String text,
                                @FormParam("contact") String contact, @FormParam("householdNumber") String number,
                                io.vertx.ext.web.RoutingContext context) {
        String t = text == null ? "" : text.strip();
        String c = contact == null ? "" : contact.strip();
        String n = NoticeService.blankToNull(number);
        if (t.isEmpty() || c.isEmpty() || t.length() > 2000 || c.length() > 128 || (n != null && n.length() > 32)) {
            throw new DomainException(400, "request.invalid", "请填写异议内容和联系方式", null,
                    t.isEmpty() || t.length() > 2000 ? List.of("text") : List.of("contact"));
        }
        return objections.file(noticeId, t, c, n, context.request().remoteAddress().hostAddress())
                .map(o -> Response.seeOther(URI.create("/notices/" + noticeId + "?filed=1#objections")).build());
    }

    @GET
    @Path("/notices")
    @PermitAll
    @Produces(MediaType.TEXT_HTML)
    public Uni<Response> board(@QueryParam("village") Long villageId) {
        if (villageId == null) {
            throw new DomainException(400, "request.invalid", "请指定村（社区）", null, List.of("village"));
        }
        return notices.board(villageId).map(board -> {
            List<BoardItem> items = board.getValue().stream().map(n -> new BoardItem(n.id(),
                    title(board.getKey(), n.year(), n.quarter()), period(n.noticeFrom(), n.noticeTo()),
                    n.publishedAt().atZoneSameInstant(ChinaTime.ZONE).toLocalDate().format(CN_DATE))).toList();
            String html = templates.get(NoticeTemplates.BOARD).template().data("villageName", board.getKey())
                    .data("villageId", villageId).data("items", items).render();
            return Response.ok(html, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                    .header("Cache-Control", "public, max-age=" + config.maxAgeSeconds()).build();
        });
    }

    /** The poster as an HTML print view (the browser's print dialog makes the paper). */
    @GET
    @Path("/notices/{noticeId}/poster")
    @PermitAll
    @Produces(MediaType.TEXT_HTML)
    public Uni<Response> posterView(@PathParam("noticeId") long noticeId, @QueryParam("size") String size) {
        String paper = paper(size);
        return posterXhtml(noticeId, paper, true).map(p -> cached(Response.ok(p.xhtml(),
                MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")), p.etag()).build());
    }

    @GET
    @Path("/notices/{noticeId}/poster.pdf")
    @PermitAll
    @Produces("application/pdf")
    public Uni<Response> posterPdf(@PathParam("noticeId") long noticeId, @QueryParam("size") String size,
                                   @HeaderParam("If-None-Match") String ifNoneMatch) {
        String paper = paper(size);
        return posterXhtml(noticeId, paper, false).flatMap(p -> {
            String etag = p.etag().replace("\"p", "\"pdf");
            if (matches(ifNoneMatch, etag)) {
                return Uni.createFrom().item(cached(Response.notModified(), etag).build());
            }
            return posters.get(etag, () -> pdf.render(p.xhtml())).map(bytes -> cached(Response.ok(bytes, "application/pdf"), etag)
                    .header("Content-Disposition", "inline; filename=\"notice-" + noticeId + "-" + paper + ".pdf\"").build());
        });
    }

    record Poster(String xhtml, String etag) {
    }

    Uni<Poster> posterXhtml(long noticeId, String paper, boolean printView) {
        return notices.publicMeta(noticeId).flatMap(meta -> notices.rows(noticeId).map(rows -> {
            NoticeTemplates.Resolved template = templates.get(NoticeTemplates.POSTER);
            Header header = header(meta);
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("n", xmlSafe(header));
            List<PublicRow> all = publicRows(rows, meta.maskNames()).stream().map(NoticePages::xmlSafe).toList();
            data.put("rows", all);
            data.put("pages", pages(all, "A3".equals(paper)));
            data.put("total", rows.size());
            data.put("qr", qr.dataUri(header.publicUrl(), 480));
            data.put("paper", paper);
            data.put("a3", "A3".equals(paper));
            data.put("printView", printView);
            var instance = template.template().instance();
            data.forEach(instance::data);
            String etag = "W/\"p" + noticeId + "-" + meta.notice().contentHash().substring(0, 16) + "-" + paper + "-"
                    + (meta.maskNames() ? "m" : "f") + "-" + template.version() + (printView ? "-v" : "") + "\"";
            return new Poster(instance.render(), etag);
        }));
    }

    // ---------------------------------------------------------------- helpers

    Header header(NoticeService.PublicMeta meta) {
        Notice n = meta.notice();
        WindowState w = NoticeRules.window(time.today(), n.noticeFrom(), n.noticeTo());
        return new Header(n.id(), n.villageId(), meta.villageName(), meta.townName(), n.year(), n.quarter(),
                title(meta.villageName(), n.year(), n.quarter()), period(n.noticeFrom(), n.noticeTo()),
                n.statisticsDate().format(CN_DATE), n.noticeFrom().format(CN_DATE), n.noticeTo().format(CN_DATE), n.signatory(),
                n.contact(), n.contentHash(), n.sealLines(), notices.publicUrl(n.id()), w == WindowState.OPEN,
                w == WindowState.NOT_STARTED, w == WindowState.ENDED, meta.maskNames());
    }

    static String title(String villageName, int year, int quarter) {
        return villageName + year + "年第" + NoticeRules.quarterName(quarter) + "季度积分公示";
    }

    static String period(LocalDate from, LocalDate to) {
        return from == null || to == null ? "" : from.format(CN_DATE) + " 至 " + to.format(CN_DATE);
    }

    static List<PublicRow> publicRows(List<Row> rows, boolean mask) {
        return rows.stream().map(r -> {
            String name = mask ? NoticeRules.mask(r.headName()) : r.headName();
            return new PublicRow(r.rank(), r.number(), name, r.quarterPoints(), r.bonusPoints(), r.yearPoints(),
                    r.availablePoints(), r.number() + " " + name);
        }).toList();
    }

    static Header xmlSafe(Header h) {
        return new Header(h.id(), h.villageId(), NoticeRules.xmlSafe(h.villageName()), NoticeRules.xmlSafe(h.townName()),
                h.year(), h.quarter(), NoticeRules.xmlSafe(h.title()), h.period(), h.statisticsDate(), h.noticeFrom(),
                h.noticeTo(), NoticeRules.xmlSafe(h.signatory()), NoticeRules.xmlSafe(h.contact()), h.contentHash(),
                h.monthSeals().stream().map(NoticeRules::xmlSafe).toList(), h.publicUrl(), h.windowOpen(),
                h.windowNotStarted(), h.windowEnded(), h.masked());
    }

    static PublicRow xmlSafe(PublicRow r) {
        return new PublicRow(r.rank(), NoticeRules.xmlSafe(r.number()), NoticeRules.xmlSafe(r.name()), r.quarterPoints(),
                r.bonusPoints(), r.yearPoints(), r.availablePoints(), NoticeRules.xmlSafe(r.key()));
    }

    /**
     * Rows per printed page: one small table per page (each with its header) renders much faster than one
     * long paginated table; the first page leaves room for the title and the QR code.
     */
    static List<List<PublicRow>> pages(List<PublicRow> rows, boolean a3) {
        int first = a3 ? 20 : 16;
        int next = a3 ? 28 : 24;
        List<List<PublicRow>> pages = new java.util.ArrayList<>();
        int i = 0;
        while (i < rows.size() || pages.isEmpty()) {
            int end = Math.min(rows.size(), i + (pages.isEmpty() ? first : next));
            pages.add(rows.subList(i, end));
            i = end;
        }
        return pages;
    }

    static String paper(String size) {
        if (size == null || size.isBlank() || size.equalsIgnoreCase("A4")) {
            return "A4";
        }
        if (size.equalsIgnoreCase("A3")) {
            return "A3";
        }
        throw new DomainException(400, "request.invalid", "纸张只支持 A4 或 A3", null, List.of("size"));
    }

    private static String windowCode(Header h) {
        return h.windowOpen() ? "o" : h.windowEnded() ? "e" : "b";
    }

    private Response.ResponseBuilder cached(Response.ResponseBuilder rb, String etag) {
        return rb.header("ETag", etag).header("Cache-Control", "public, max-age=" + config.maxAgeSeconds())
                .header("Vary", "Accept-Encoding");
    }

    /** If-None-Match holds the tag (or {@code *}); weak comparison, as RFC 9110 asks for GET. */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null || ifNoneMatch.isBlank()) {
            return false;
        }
        String mine = etag.startsWith("W/") ? etag.substring(2) : etag;
        for (String candidate : ifNoneMatch.split(",")) {
            String c = candidate.strip();
            if (c.equals("*")) {
                return true;
            }
            if (c.startsWith("W/")) {
                c = c.substring(2);
            }
            if (c.equals(mine)) {
                return true;
            }
        }
        return false;
    }
}
