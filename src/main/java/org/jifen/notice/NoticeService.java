package org.jifen.notice;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jifen.audit.Audit;
import org.jifen.common.ChinaTime;
import org.jifen.common.DomainException;
import org.jifen.common.JifenConfig;
import org.jifen.common.security.StaffPrincipal;
import org.jifen.notice.NoticeRules.Row;
import org.jifen.wechat.Outbox;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Drafting, publishing (freezing), stamping and photographing quarterly notices, and reading them. Writes serialize
 * per village on the village row ({@code FOR UPDATE}), so concurrent drafts and publishes of one village each get the
 * answer they would get alone. Objections are {@link ObjectionService}'s.
 */
@ApplicationScoped
public class NoticeService {

    /** The editable fields of a draft; any may be null (a draft accepts blanks). */
    public record Fields(LocalDate statisticsDate, LocalDate noticeFrom, LocalDate noticeTo, String signatory, String contact) {

        /** Blank texts as null, the rest stripped. */
        Fields cleaned() {
            return new Fields(statisticsDate, noticeFrom, noticeTo, blankToNull(signatory), blankToNull(contact));
        }
    }

    /** A notice with everything staff see about it. */
    public record Detail(Notice notice, String villageName, List<Row> rows, List<NoticeEvidence> photos, long objections,
                         long unanswered, Boolean hashVerified) {
    }

    /** A notice of a village's list, without rows. */
    public record Summary(Notice notice, int photos, long objections, long unanswered) {
    }

    /** What a public page needs besides the notice: names, the town's masking choice, the answers' version. */
    public record PublicMeta(Notice notice, String villageName, String townName, boolean maskNames, long answered,
                             long answersVersion) {
    }

    @Inject
    Pool pool;

    @Inject
    Outbox outbox;

    @Inject
    Audit audit;

    @Inject
    ChinaTime time;

    @Inject
    JifenConfig config;

    @Inject
    NoticeConfig noticeConfig;

    // ---------------------------------------------------------------- drafting and publishing

    public Uni<Detail> createDraft(StaffPrincipal actor, long villageId, int year, int quarter, Fields fields) {
        return pool.withTransaction(tx -> createDraft(tx, actor, villageId, year, quarter, fields));
    }

    /** A new draft of the quarter, replacing its unpublished one, with rows computed from the ledger. */
    public Uni<Detail> createDraft(SqlClient tx, StaffPrincipal actor, long villageId, int year, int quarter, Fields fields) {
        return Notices.lockVillage(tx, villageId)
                .call(() -> monthSeals(tx, villageId, year, quarter))
                .call(() -> Notices.idOf(tx, villageId, year, quarter, Notice.PUBLISHED).invoke(published -> {
                    if (published != null) {
                        throw new DomainException(409, "notice.already-published", "该季度的公示已发布，不能再起草",
                                year + "年第" + quarter + "季度的公示已发布");
                    }
                }))
                .call(() -> Notices.idOf(tx, villageId, year, quarter, Notice.DRAFT).flatMap(old -> old == null
                        ? Uni.createFrom().voidItem()
                        : Notices.deleteDraft(tx, old).call(() -> audit.record(tx, actor, villageId, "replace-draft", "notice",
                        old, Map.of("status", Notice.DRAFT), null))))
                .flatMap(x -> Notices.insertDraft(tx, villageId, year, quarter, fields.cleaned(), actor.username()))
                .call(n -> ranked(tx, villageId, year, quarter).flatMap(rows -> Notices.replaceRows(tx, n.id(), rows)))
                .call(n -> audit.record(tx, actor, villageId, "draft", "notice", n.id(), null, fieldsImage(n)))
                .flatMap(n -> detail(tx, n));
    }

    public Uni<Detail> update(StaffPrincipal actor, long noticeId, Fields fields) {
        return pool.withTransaction(tx -> Notices.lock(tx, noticeId).flatMap(n -> {
            if (n.published()) {
                return Uni.createFrom().failure(new DomainException(409, "notice.already-published", "公示已发布，内容不可修改"));
            }
            return Notices.updateFields(tx, n.id(), fields.cleaned())
                    .call(edited -> audit.record(tx, actor, n.villageId(), "edit", "notice", n.id(), fieldsImage(n),
                            fieldsImage(edited)))
                    .flatMap(edited -> detail(tx, edited));
        }));
    }

    public Uni<Detail> publish(StaffPrincipal actor, long noticeId) {
        return pool.withTransaction(tx -> publish(tx, actor, noticeId));
    }

    /** Checks the fields, recomputes the rows from the ledger, and freezes them with their content hash. */
    public Uni<Detail> publish(SqlClient tx, StaffPrincipal actor, long noticeId) {
        return Notices.lock(tx, noticeId).flatMap(n -> {
            if (n.published()) {
                return Uni.createFrom().failure(new DomainException(409, "notice.already-published", "公示已发布"));
            }
            List<String> blank = NoticeRules.blankFields(n.statisticsDate(), n.noticeFrom(), n.noticeTo(), n.signatory(),
                    n.contact());
            if (!blank.isEmpty()) {
                return Uni.createFrom().failure(new DomainException(422, "notice.blank-fields", "公示信息不可留白",
                        "请填写：" + String.join("、", blank.stream().map(NoticeService::label).toList()), blank));
            }
            List<String> bad = NoticeRules.badDates(n.statisticsDate(), n.noticeFrom(), n.noticeTo());
            if (!bad.isEmpty()) {
                return Uni.createFrom().failure(new DomainException(422, "notice.bad-dates", "公示日期顺序有误",
                        "公示开始日期不能早于统计时间，公示结束日期不能早于开始日期", bad));
            }
            return monthSeals(tx, n.villageId(), n.year(), n.quarter())
                    .flatMap(seals -> ranked(tx, n.villageId(), n.year(), n.quarter())
                            .call(rows -> Notices.replaceRows(tx, n.id(), rows))
                            .flatMap(rows -> Notices.publish(tx, n.id(), seals,
                                    NoticeRules.contentHash(n.villageId(), n.year(), n.quarter(), seals, rows), actor.username())))
                    .call(p -> audit.record(tx, actor, p.villageId(), "publish", "notice", p.id(), null,
                            Map.of("contentHash", p.contentHash(), "publicUrl", publicUrl(p.id()))))
                    .call(p -> outbox.announceToVillage(tx, p.villageId(), "notice", p.year() + "年第" + p.quarter() + "季度积分公示",
                            "公示至" + p.noticeTo().getMonthValue() + "月" + p.noticeTo().getDayOfMonth() + "日，请查看",
                            "notice:" + p.id()))
                    .flatMap(p -> detail(tx, p));
        });
    }

    /** Records that the paper notice was stamped (盖章). Once. */
    public Uni<Detail> stamp(StaffPrincipal actor, long noticeId, LocalDate stampedOn) {
        return pool.withTransaction(tx -> Notices.lock(tx, noticeId).flatMap(n -> {
            requirePublished(n);
            if (n.stamped()) {
                return Uni.createFrom().failure(new DomainException(409, "notice.already-stamped", "已记录盖章"));
            }
            LocalDate on = stampedOn == null ? time.today() : stampedOn;
            return Notices.stamp(tx, n.id(), on, actor.username())
                    .call(s -> audit.record(tx, actor, n.villageId(), "stamp", "notice", n.id(), null,
                            Map.of("stampedOn", on.toString())))
                    .flatMap(s -> detail(tx, s));
        }));
    }

    /** Keeps a photo of the posted paper notice (公示照片). */
    public Uni<NoticeEvidence> addPhoto(StaffPrincipal actor, long noticeId, String contentType, byte[] bytes, String note) {
        return pool.withTransaction(tx -> Notices.lock(tx, noticeId).flatMap(n -> {
            requirePublished(n);
            return Notices.insertPhoto(tx, n.id(), contentType, bytes, NoticeRules.sha256(bytes), blankToNull(note),
                            actor.username())
                    .call(e -> audit.record(tx, actor, n.villageId(), "photo", "notice", n.id(), null,
                            Map.of("evidenceId", e.id(), "sha256", e.sha256(), "size", e.size())));
        }));
    }

    public Uni<NoticeEvidence.Image> photo(long noticeId, long evidenceId) {
        return Notices.image(pool, noticeId, evidenceId);
    }

    // ---------------------------------------------------------------- reading

    public Uni<Detail> get(long noticeId) {
        return Notices.get(pool, noticeId).flatMap(n -> detail(pool, n));
    }

    public Uni<List<Summary>> list(long villageId) {
        return Notices.summaries(pool, villageId);
    }

    /** The frozen (or draft) rows of a notice, in order. */
    public Uni<List<Row>> rows(long noticeId) {
        return Notices.rows(pool, noticeId);
    }

    /** A published notice with what its public page needs; 404 for a draft or an unknown id. */
    public Uni<PublicMeta> publicMeta(long noticeId) {
        return Notices.publicMeta(pool, noticeId, noticeConfig.maskNames()).map(meta -> {
            if (meta == null || !meta.notice().published()) {
                throw DomainException.notFound("该公示");
            }
            return meta;
        });
    }

    /** Published notices of a village, newest quarter first, with the village's name. */
    public Uni<Map.Entry<String, List<Notice>>> board(long villageId) {
        return Notices.villageName(pool, villageId)
                .flatMap(name -> Notices.published(pool, villageId).map(list -> Map.entry(name, list)));
    }

    public String publicUrl(long noticeId) {
        String base = config.publicBaseUrl();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return base + "/notices/" + noticeId;
    }

    // ---------------------------------------------------------------- settings

    public Uni<Boolean> maskNames(long townId) {
        return Notices.maskNames(pool, townId).map(mask -> mask == null ? noticeConfig.maskNames() : mask);
    }

    public Uni<Boolean> setMaskNames(StaffPrincipal actor, boolean mask) {
        return pool.withTransaction(tx -> Notices.setMaskNames(tx, actor.townId(), mask, actor.username())
                .call(() -> audit.record(tx, actor, null, "settings", "notice_setting", actor.townId(), null,
                        Map.of("maskNames", mask))))
                .replaceWith(mask);
    }

    // ---------------------------------------------------------------- internals

    private Uni<Detail> detail(SqlClient db, Notice n) {
        return Notices.rows(db, n.id()).flatMap(rows -> Notices.facts(db, n).flatMap(facts -> Notices.photos(db, n.id())
                .map(photos -> {
                    Boolean verified = n.published()
                            ? NoticeRules.contentHash(n.villageId(), n.year(), n.quarter(), n.sealLines(), rows).equals(n.contentHash())
                            : null;
                    return new Detail(n, facts.villageName(), rows, photos, facts.objections(), facts.unanswered(), verified);
                })));
    }

    /** The quarter's month seals as "yyyy-MM=seal", in month order; 409 notice.months-open naming the open months. */
    private static Uni<List<String>> monthSeals(SqlClient db, long villageId, int year, int quarter) {
        List<YearMonth> months = NoticeRules.months(year, quarter);
        return Notices.monthSeals(db, villageId, months).map(seals -> {
            List<String> open = months.stream().map(YearMonth::toString).filter(m -> !seals.containsKey(m)).toList();
            if (!open.isEmpty()) {
                throw new DomainException(409, "notice.months-open", "该季度还有月份未结账，不能公示",
                        "未结账的月份：" + String.join("、", open));
            }
            return months.stream().map(m -> m + "=" + seals.get(m.toString())).toList();
        });
    }

    /** Every active household of the village with its figures for the quarter, ranked. */
    private static Uni<List<Row>> ranked(SqlClient db, long villageId, int year, int quarter) {
        return Notices.figures(db, villageId, year, quarter).map(NoticeRules::rank);
    }

    private static void requirePublished(Notice n) {
        if (!n.published()) {
            throw new DomainException(409, "notice.not-published", "公示尚未发布，发布后再记录盖章和张贴照片");
        }
    }

    /** The audit image of a notice's editable fields. */
    private static Map<String, Object> fieldsImage(Notice n) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("year", n.year());
        m.put("quarter", n.quarter());
        m.put("statisticsDate", n.statisticsDate() == null ? null : n.statisticsDate().toString());
        m.put("noticeFrom", n.noticeFrom() == null ? null : n.noticeFrom().toString());
        m.put("noticeTo", n.noticeTo() == null ? null : n.noticeTo().toString());
        m.put("signatory", n.signatory());
        m.put("contact", n.contact());
        return m;
    }

    static String label(String field) {
        return switch (field) {
            case "statisticsDate" -> "统计时间";
            case "noticeFrom" -> "公示开始日期";
            case "noticeTo" -> "公示结束日期";
            case "signatory" -> "签字人";
            case "contact" -> "异议联系方式";
            default -> field;
        };
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
