package org.jifen.ledgerbook;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jifen.common.ChinaTime;
import org.jifen.ledgerbook.LedgerBookSql.ConfirmationLine;
import org.jifen.ledgerbook.LedgerBookSql.DayHead;
import org.jifen.ledgerbook.LedgerBookSql.EntryLine;
import org.jifen.ledgerbook.LedgerBookSql.MonthHead;
import org.jifen.ledgerbook.LedgerBookSql.NoticeHead;
import org.jifen.ledgerbook.LedgerBookSql.NoticeLine;
import org.jifen.ledgerbook.LedgerBookSql.ObjectionLine;
import org.jifen.ledgerbook.LedgerBookSql.PhotoHead;
import org.jifen.ledgerbook.LedgerBookSql.RedemptionLine;
import org.jifen.ledgerbook.LedgerBookSql.VillageHead;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The three-in-one ledger (三合一总台账) of a village's year as a sequence of small chunks in the notice's order: the
 * cover (不完整 and the gaps while anything is missing), part 1's title page and its months 1 → 12, part 2's title page
 * and its quarters 1 → 4, part 3's title page and its months 1 → 12 with each redemption day's photos and
 * redemptions. A chunk is at most {@code rows} table lines, loaded from the database only when it is reached, so the
 * PDF renders chunk by chunk ({@link LedgerBookPdf}) and the HTML print view shows the same chunks.
 */
@ApplicationScoped
public class LedgerBook {

    /** How a chunk names a photo: a file URI for the PDF, the API's URL for the print view. */
    public interface PhotoLinks {
        /** {@code owner} is {@code "notice"} or {@code "day"}; {@code ownerId} the notice or redemption day. */
        Uni<String> src(String owner, long ownerId, PhotoHead photo);
    }

    /** Running head and foot of a chunk's pages: village, part, period, statistics date, signature and stamp fields. */
    public record Frame(String village, int year, String part, String period, String statisticsDate, List<SignView> signs,
                        boolean stamp) {
    }

    /** A signature line: who confirmed it in the app (null name: nobody yet), and whether the viewer may sign it. */
    public record SignView(String label, String capacity, String name, String account, String at, String verb, boolean mine) {
    }

    /** A piece of the book; {@code weight} about its table lines, so the PDF puts several small pieces in one document. */
    public record Chunk(Frame frame, String body, boolean newPage, String anchor, int weight) {
    }

    public record PhotoView(long id, String src, String caption, String sha256, String by, OffsetDateTime at) {
    }

    public record GapView(String kind, String label, String ref, String detail) {
    }

    public record Part(String name, String subtitle) {
    }

    /** What the cover says. */
    public record Cover(String village, String town, int year, String statisticsDate, boolean complete, int gapCount,
                       List<GapView> gaps, int moreGaps, long closedMonths, long entries, long points, long publishedNotices,
                       int days, long redemptions, long redeemedPoints) {
    }

    /** Everything the book's chunks are planned from (the small heads; the rows are loaded per chunk). */
    public record Plan(VillageHead village, int year, String today, Completeness.Report report, List<MonthHead> months,
                       List<ConfirmationLine> confirmations, List<NoticeHead> notices, List<DayHead> days) {
    }

    static final int COVER_GAPS = 200;
    static final Part PART1 = new Part("第一部分　月度积分明细台账", "1 月 → 12 月，每条已通过的登记：农户、项目、积分、日期、登记人、评议人");
    static final Part PART2 = new Part("第二部分　季度积分公示台账", "第一季度 → 第四季度，冻结的公示内容、哈希、盖章与张贴照片");
    static final Part PART3 = new Part("第三部分　积分兑换台账", "1 月 → 12 月，每个兑换日的图文佐证与兑换记录");

    @CheckedTemplate(basePath = "ledgerbook", requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance pdf(String title, List<Chunk> sections);

        static native TemplateInstance cover(Cover book);

        static native TemplateInstance title(Cover book, Part part);

        static native TemplateInstance month(MonthHead m, List<EntryLine> rows, int firstNo, boolean first, boolean last,
                                             List<SignView> signs);

        static native TemplateInstance notice(int quarter, NoticeHead n, List<NoticeLine> rows, boolean first, boolean last,
                                              List<PhotoView> photos, List<ObjectionLine> objections);

        static native TemplateInstance redemptions(String month, boolean monthHeading, DayHead day, boolean first, boolean last,
                                                   List<PhotoView> photos, List<RedemptionLine> rows, int firstNo,
                                                   List<SignView> signs);
    }

    @Inject
    Pool pool;

    @Inject
    Completeness completeness;

    @Inject
    ChinaTime time;

    public Uni<Plan> plan(long villageId, int year) {
        return LedgerBookSql.village(pool, villageId).flatMap(v -> Uni.combine().all().unis(
                        completeness.check(villageId, year),
                        LedgerBookSql.months(pool, villageId, year),
                        LedgerBookSql.confirmations(pool, villageId, year),
                        LedgerBookSql.notices(pool, villageId, year),
                        LedgerBookSql.days(pool, villageId, year))
                .with((report, months, confirmations, notices, days) ->
                        new Plan(v, year, time.today().toString(), report, months, confirmations, notices, days)));
    }

    /** The book's chunks in order, each loaded when it is requested. */
    public Multi<Chunk> chunks(Plan plan, int rows, PhotoLinks links) {
        List<Supplier<Uni<Chunk>>> specs = new ArrayList<>();
        Cover cover = cover(plan);
        String village = plan.village().name();
        int year = plan.year();
        long villageId = plan.village().id();

        Frame coverFrame = new Frame(village, year, "封面", year + " 年度", plan.today(), List.of(secretaryLine()), true);
        specs.add(() -> Uni.createFrom().item(new Chunk(coverFrame, Templates.cover(cover).render(), true, "cover", 40 + cover.gaps().size())));

        specs.add(title(plan, cover, PART1, "part-1"));
        for (MonthHead m : plan.months()) {
            List<SignView> signs = signs(plan.confirmations(), "MONTH", m.month(), null, null);
            Frame frame = new Frame(village, year, "第一部分 月度积分明细", m.month(),
                    m.closed() ? LedgerFormat.ledgerDate(m.closedAt()) : plan.today() + "（未结账）", signs, true);
            int n = Math.max(1, ceil(m.entries(), rows));
            for (int i = 0; i < n; i++) {
                int offset = i * rows;
                boolean first = i == 0, last = i == n - 1;
                specs.add(() -> LedgerBookSql.entries(pool, villageId, m.month(), rows, offset).map(lines -> new Chunk(frame,
                        Templates.month(m, lines, offset + 1, first, last, signs).render(), first, "m-" + m.month(),
                        10 + lines.size())));
            }
        }

        specs.add(title(plan, cover, PART2, "part-2"));
        for (int q = 1; q <= 4; q++) {
            int quarter = q;
            NoticeHead n = plan.notices().stream().filter(x -> x.quarter() == quarter).findFirst().orElse(null);
            String stats = n == null || n.statisticsDate() == null ? "（空）" : n.statisticsDate().toString();
            SignView signatory = n == null ? new SignView("签字人", null, null, null, null, "发布", false)
                    : new SignView("签字人", null, n.published() ? n.signatory() : null, n.publishedBy(),
                    LedgerFormat.ledgerTime(n.publishedAt()), "发布", false);
            Frame frame = new Frame(village, year, "第二部分 季度公示", year + " 年第" + q + "季度", stats, List.of(signatory), true);
            int chunks = n == null ? 1 : Math.max(1, ceil(n.households(), rows));
            for (int i = 0; i < chunks; i++) {
                int offset = i * rows;
                boolean first = i == 0, last = i == chunks - 1;
                specs.add(() -> {
                    if (n == null) {
                        return Uni.createFrom().item(new Chunk(frame, Templates.notice(quarter, null, List.of(), true, true,
                                List.of(), List.of()).render(), true, "q-" + quarter, 10));
                    }
                    Uni<List<PhotoView>> photos = last ? LedgerBookSql.noticePhotos(pool, n.id())
                            .flatMap(ps -> views(ps, "notice", n.id(), links)) : Uni.createFrom().item(List.of());
                    Uni<List<ObjectionLine>> objections = last ? LedgerBookSql.objections(pool, n.id()) : Uni.createFrom().item(List.of());
                    return Uni.combine().all().unis(LedgerBookSql.noticeRows(pool, n.id(), rows, offset), photos, objections)
                            .with((lines, ps, os) -> new Chunk(frame, Templates.notice(quarter, n, lines, first, last, ps, os).render(),
                                    first, "q-" + quarter, 10 + lines.size() + 15 * ps.size() + 3 * os.size()));
                });
            }
        }

        specs.add(title(plan, cover, PART3, "part-3"));
        for (MonthHead m : plan.months()) {
            List<DayHead> days = plan.days().stream().filter(d -> d.month().equals(m.month())).toList();
            Frame monthFrame = new Frame(village, year, "第三部分 积分兑换", m.month(), plan.today(), List.of(), true);
            if (days.isEmpty()) {
                specs.add(() -> Uni.createFrom().item(new Chunk(monthFrame, Templates.redemptions(m.month(), true, null, true, true,
                        List.of(), List.of(), 1, List.of()).render(), true, "r-" + m.month(), 5)));
                continue;
            }
            for (int di = 0; di < days.size(); di++) {
                DayHead d = days.get(di);
                boolean firstOfMonth = di == 0;
                List<SignView> signs = signs(plan.confirmations(), "REDEMPTION_DAY", null, d.id(), null);
                Frame frame = new Frame(village, year, "第三部分 积分兑换", m.month() + " · 兑换日 " + d.day(), plan.today(), signs, true);
                int chunks = Math.max(1, ceil(d.listed(), rows));
                for (int i = 0; i < chunks; i++) {
                    int offset = i * rows;
                    boolean first = i == 0, last = i == chunks - 1;
                    specs.add(() -> {
                        Uni<List<PhotoView>> photos = first ? LedgerBookSql.dayPhotos(pool, d.id())
                                .flatMap(ps -> views(ps, "day", d.id(), links)) : Uni.createFrom().item(List.of());
                        return Uni.combine().all().unis(LedgerBookSql.redemptions(pool, d.id(), rows, offset), photos)
                                .with((lines, ps) -> new Chunk(frame, Templates.redemptions(m.month(), firstOfMonth && first, d, first,
                                        last, ps, lines, offset + 1, signs).render(), firstOfMonth && first, "d-" + d.id(),
                                        10 + lines.size() + 15 * ps.size()));
                    });
                }
            }
        }
        return Multi.createFrom().iterable(specs).onItem().transformToUniAndConcatenate(Supplier::get);
    }

    private Supplier<Uni<Chunk>> title(Plan plan, Cover cover, Part part, String anchor) {
        Frame frame = new Frame(plan.village().name(), plan.year(), part.name().replace('　', ' '), plan.year() + " 年度", plan.today(),
                List.of(secretaryLine()), true);
        return () -> Uni.createFrom().item(new Chunk(frame, Templates.title(cover, part).render(), true, anchor, 40));
    }

    private static SignView secretaryLine() {
        return new SignView("村党支部书记", Confirmations.SECRETARY, null, null, null, "确认", false);
    }

    /** The two signature lines (评议组, 村党支部书记) of a month or a redemption day, filled from the confirmations. */
    static List<SignView> signs(List<ConfirmationLine> confirmations, String subject, String month, Long dayId,
                                org.jifen.common.security.StaffPrincipal viewer) {
        List<SignView> out = new ArrayList<>();
        for (String capacity : List.of(Confirmations.REVIEWER, Confirmations.SECRETARY)) {
            String label = capacity.equals(Confirmations.REVIEWER) ? "评议组" : "村党支部书记";
            ConfirmationLine c = confirmations.stream().filter(x -> x.subject().equals(subject) && x.capacity().equals(capacity)
                            && (month == null || month.equals(x.month())) && (dayId == null || dayId.equals(x.redemptionDayId())))
                    .findFirst().orElse(null);
            boolean mine = viewer != null && mayFill(viewer, capacity);
            out.add(c == null ? new SignView(label, capacity, null, null, null, "确认", mine)
                    : new SignView(label, capacity, c.displayName(), c.username(), LedgerFormat.ledgerTime(c.confirmedAt()), "确认", mine));
        }
        return out;
    }

    static boolean mayFill(org.jifen.common.security.StaffPrincipal viewer, String capacity) {
        return switch (viewer.role()) {
            case TOWN_ADMIN -> true;
            case REVIEWER -> capacity.equals(Confirmations.REVIEWER);
            case SECRETARY -> capacity.equals(Confirmations.SECRETARY);
            default -> false;
        };
    }

    private static Cover cover(Plan plan) {
        List<Gap> gaps = plan.report().gaps();
        List<GapView> shown = gaps.stream().limit(COVER_GAPS)
                .map(g -> new GapView(g.kind(), Completeness.label(g.kind()), g.ref(), g.detail())).toList();
        long closed = plan.months().stream().filter(MonthHead::closed).count();
        long entries = plan.months().stream().mapToLong(MonthHead::entries).sum();
        long points = plan.months().stream().mapToLong(MonthHead::points).sum();
        long published = plan.notices().stream().filter(NoticeHead::published).count();
        long redemptions = plan.days().stream().mapToLong(DayHead::redemptions).sum();
        long redeemed = plan.days().stream().mapToLong(DayHead::points).sum();
        return new Cover(plan.village().name(), plan.village().town(), plan.year(), plan.today(), plan.report().complete(),
                gaps.size(), shown, gaps.size() - shown.size(), closed, entries, points, published, plan.days().size(),
                redemptions, redeemed);
    }

    private static Uni<List<PhotoView>> views(List<PhotoHead> photos, String owner, long ownerId, PhotoLinks links) {
        Multi<PhotoView> views = Multi.createFrom().iterable(photos).onItem().transformToUniAndConcatenate(p ->
                links.src(owner, ownerId, p).map(src -> new PhotoView(p.id(), src, p.caption(), p.sha256(), p.by(), p.at())));
        return views.collect().asList();
    }

    private static int ceil(int n, int size) {
        return (n + size - 1) / size;
    }
}
