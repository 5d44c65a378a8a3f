package org.jifen.notice;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jifen.audit.Audit;
import org.jifen.common.ChinaTime;
import org.jifen.common.DomainException;
import org.jifen.common.security.Tokens;
import org.jifen.common.JifenConfig;
import org.jifen.common.security.StaffPrincipal;
import org.jifen.notice.NoticeRules.Figures;
import org.jifen.notice.NoticeRules.Row;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Drafting, publishing (freezing), stamping and evidence of quarterly notices, and the objections to them.
 * Writes serialize per village on the village row ({@code FOR UPDATE}), so concurrent drafts and publishes
 * of one village each get the answer they would get alone.
 */
@ApplicationScoped
public class NoticeService {

    /** The editable fields of a draft; any may be null (a draft accepts blanks). */
    public record Fields(LocalDate statisticsDate, LocalDate noticeFrom, LocalDate noticeTo, String signatory, String contact) {
    }

    public record EvidenceInfo(long id, String contentType, int size, String sha256, String note, String recordedBy,
                               OffsetDateTime recordedAt) {
    }

    /** A notice with everything staff see about it. */
    public record Detail(Notice notice, String villageName, List<Row> rows, List<EvidenceInfo> photos, long objections,
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
    org.jifen.wechat.Outbox outbox;

    @Inject
    Audit audit;

    @Inject
    ChinaTime time;

    @Inject
    ObjectMapper json;

    @Inject
    JifenConfig config;

    @Inject
    NoticeConfig noticeConfig;

    // ---------------------------------------------------------------- drafting and publishing

    @WithTransaction
    public Uni<Detail> createDraft(StaffPrincipal actor, long villageId, int year, int quarter, Fields fields) {
        List<YearMonth> months = NoticeRules.months(year, quarter);
        return lockVillage(villageId)
                .call(() -> monthSeals(villageId, months))
                .call(() -> Notice.count("villageId = ?1 and year = ?2 and quarter = ?3 and status = ?4",
                        villageId, year, quarter, Notice.PUBLISHED).invoke(n -> {
                    if (n > 0) {
                        throw new DomainException(409, "notice.already-published", "该季度的公示已发布，不能再起草",
                                year + "年第" + quarter + "季度的公示已发布");
                    }
                }))
                .call(() -> Notice.<Notice>list("villageId = ?1 and year = ?2 and quarter = ?3 and status = ?4",
                                villageId, year, quarter, Notice.DRAFT)
                        .flatMap(old -> old.isEmpty() ? Uni.createFrom().voidItem()
                                : exec("DELETE FROM notice WHERE id = ?1", old.get(0).id).replaceWithVoid()
                                .call(() -> audit.record(actor.username(), actor.townId(), villageId, "replace-draft",
                                        "notice", old.get(0).id, Map.of("status", Notice.DRAFT), null))))
                .flatMap(v -> {
                    Notice n = new Notice();
                    n.villageId = villageId;
                    n.year = year;
                    n.quarter = quarter;
                    n.createdBy = actor.username();
                    n.updatedAt = OffsetDateTime.now();
                    apply(n, fields);
                    return n.<Notice>persist();
                })
                .call(n -> computeRows(villageId, year, quarter).flatMap(rows -> insertRows(n.id, rows)))
                .call(n -> audit.record(actor.username(), actor.townId(), villageId, "draft", "notice", n.id, null,
                        fieldsImage(n)))
                .flatMap(n -> detail(n));
    }

    @WithTransaction
    public Uni<Detail> update(StaffPrincipal actor, long noticeId, Fields fields) {
        return lockedNotice(noticeId).flatMap(n -> {
            if (n.published()) {
                return Uni.createFrom().failure(new DomainException(409, "notice.already-published",
                        "公示已发布，内容不可修改"));
            }
            Map<String, Object> before = fieldsImage(n);
            apply(n, fields);
            n.updatedAt = OffsetDateTime.now();
            return audit.record(actor.username(), actor.townId(), n.villageId, "edit", "notice", n.id, before, fieldsImage(n))
                    .flatMap(x -> detail(n));
        });
    }

    /** Checks the fields, recomputes the rows from the ledger, and freezes them with their content hash. */
    @WithTransaction
    public Uni<Detail> publish(StaffPrincipal actor, long noticeId) {
        return lockedNotice(noticeId).flatMap(n -> {
            if (n.published()) {
                return Uni.createFrom().failure(new DomainException(409, "notice.already-published", "公示已发布"));
            }
            List<String> blank = NoticeRules.blankFields(n.statisticsDate, n.noticeFrom, n.noticeTo, n.signatory, n.contact);
            if (!blank.isEmpty()) {
                return Uni.createFrom().failure(new DomainException(422, "notice.blank-fields", "公示信息不可留白",
                        "请填写：" + String.join("、", blank.stream().map(NoticeService::label).toList()), blank));
            }
            List<String> bad = NoticeRules.badDates(n.statisticsDate, n.noticeFrom, n.noticeTo);
            if (!bad.isEmpty()) {
                return Uni.createFrom().failure(new DomainException(422, "notice.bad-dates", "公示日期顺序有误",
                        "公示开始日期不能早于统计时间，公示结束日期不能早于开始日期", bad));
            }
            return monthSeals(n.villageId, NoticeRules.months(n.year, n.quarter))
                    .flatMap(seals -> computeRows(n.villageId, n.year, n.quarter).flatMap(rows -> {
                        String hash = NoticeRules.contentHash(n.villageId, n.year, n.quarter, seals, rows);
                        return exec("DELETE FROM notice_row WHERE notice_id = ?1", n.id)
                                .flatMap(x -> insertRows(n.id, rows))
                                .invoke(() -> {
                                    n.monthSeals = String.join("\n", seals);
                                    n.contentHash = hash;
                                    n.status = Notice.PUBLISHED;
                                    n.publishedAt = OffsetDateTime.now();
                                    n.publishedBy = actor.username();
                                    n.updatedAt = n.publishedAt;
                                });
                    }))
                    .flatMap(x -> Panache.getSession().flatMap(s -> s.flush()))
                    .call(() -> audit.record(actor.username(), actor.townId(), n.villageId, "publish", "notice", n.id,
                            null, Map.of("contentHash", n.contentHash, "publicUrl", publicUrl(n.id))))
                    .call(() -> outbox.announceToVillage(n.villageId, "notice", n.year + "年第" + n.quarter + "季度积分公示",
                            "公示至" + n.noticeTo.getMonthValue() + "月" + n.noticeTo.getDayOfMonth() + "日，请查看", "notice:" + n.id))
                    .flatMap(x -> detail(n));
        });
    }

    /** Records that the paper notice was stamped (盖章). Once. */
    @WithTransaction
    public Uni<Detail> stamp(StaffPrincipal actor, long noticeId, LocalDate stampedOn) {
        return lockedNotice(noticeId).flatMap(n -> {
            requirePublished(n);
            if (n.stampedAt != null) {
                return Uni.createFrom().failure(new DomainException(409, "notice.already-stamped", "已记录盖章"));
            }
            n.stampedOn = stampedOn == null ? time.today() : stampedOn;
            n.stampedAt = OffsetDateTime.now();
            n.stampedBy = actor.username();
            return audit.record(actor.username(), actor.townId(), n.villageId, "stamp", "notice", n.id, null,
                            Map.of("stampedOn", n.stampedOn.toString()))
                    .flatMap(x -> detail(n));
        });
    }

    /** Keeps a photo of the posted paper notice (公示照片). */
    @WithTransaction
    public Uni<EvidenceInfo> addPhoto(StaffPrincipal actor, long noticeId, String contentType, byte[] bytes, String note) {
        return lockedNotice(noticeId).flatMap(n -> {
            requirePublished(n);
            NoticeEvidence e = new NoticeEvidence();
            e.noticeId = n.id;
            e.contentType = contentType;
            e.bytes = bytes;
            e.size = bytes.length;
            e.sha256 = NoticeRules.sha256(bytes);
            e.note = note == null || note.isBlank() ? null : note.strip();
            e.recordedBy = actor.username();
            return e.<NoticeEvidence>persist()
                    .call(saved -> audit.record(actor.username(), actor.townId(), n.villageId, "photo", "notice", n.id,
                            null, Map.of("evidenceId", saved.id, "sha256", saved.sha256, "size", saved.size)))
                    .map(saved -> new EvidenceInfo(saved.id, saved.contentType, saved.size, saved.sha256, saved.note,
                            saved.recordedBy, OffsetDateTime.now()));
        });
    }

    @WithSession
    public Uni<NoticeEvidence> photo(long noticeId, long evidenceId) {
        return NoticeEvidence.<NoticeEvidence>find("id = ?1 and noticeId = ?2", evidenceId, noticeId).firstResult()
                .onItem().ifNull().failWith(() -> DomainException.notFound("该照片"));
    }

    // ---------------------------------------------------------------- reading

    @WithSession
    public Uni<Detail> get(long noticeId) {
        return Notice.<Notice>findById(noticeId).onItem().ifNull().failWith(() -> DomainException.notFound("该公示"))
                .flatMap(this::detail);
    }

    @WithSession
    public Uni<List<Summary>> list(long villageId) {
        return Notice.<Notice>list("villageId = ?1 order by year desc, quarter desc, id desc", villageId)
                .flatMap(notices -> query("""
                        SELECT n.id,
                               (SELECT count(*) FROM notice_evidence e WHERE e.notice_id = n.id),
                               (SELECT count(*) FROM objection o WHERE o.notice_id = n.id),
                               (SELECT count(*) FROM objection o WHERE o.notice_id = n.id AND o.answered_at IS NULL)
                          FROM notice n WHERE n.village_id = ?1""", villageId)
                        .map(counts -> {
                            Map<Long, Object[]> byId = new HashMap<>();
                            counts.forEach(c -> byId.put(num(c[0]).longValue(), c));
                            return notices.stream().map(n -> {
                                Object[] c = byId.get(n.id);
                                return new Summary(n, c == null ? 0 : num(c[1]).intValue(), c == null ? 0 : num(c[2]).longValue(),
                                        c == null ? 0 : num(c[3]).longValue());
                            }).toList();
                        }));
    }

    /** The frozen (or draft) rows of a notice, in order. */
    public Uni<List<Row>> rows(long noticeId) {
        return query("""
                SELECT rank, household_id, number, head_name, quarter_points, bonus_points, year_points, available_points
                  FROM notice_row WHERE notice_id = ?1 ORDER BY position""", noticeId)
                .map(list -> list.stream().map(r -> new Row(num(r[0]).intValue(), num(r[1]).longValue(), (String) r[2],
                        (String) r[3], num(r[4]).intValue(), num(r[5]).intValue(), num(r[6]).intValue(), num(r[7]).intValue()))
                        .toList());
    }

    /** A published notice with what its public page needs; 404 for a draft or an unknown id. */
    @WithSession
    public Uni<PublicMeta> publicMeta(long noticeId) {
        return Notice.<Notice>findById(noticeId)
                .onItem().ifNull().failWith(() -> DomainException.notFound("该公示"))
                .flatMap(n -> {
                    if (!n.published()) {
                        return Uni.createFrom().failure(DomainException.notFound("该公示"));
                    }
                    return query("""
                            SELECT v.name, t.name, s.mask_names,
                                   (SELECT count(*) FROM objection o WHERE o.notice_id = ?1 AND o.answered_at IS NOT NULL),
                                   (SELECT coalesce(floor(extract(epoch FROM max(o.answered_at)) * 1000), 0)::bigint
                                      FROM objection o WHERE o.notice_id = ?1)
                              FROM notice n JOIN village v ON v.id = n.village_id JOIN town t ON t.id = v.town_id
                              LEFT JOIN notice_setting s ON s.town_id = t.id
                             WHERE n.id = ?1""", noticeId)
                            .map(list -> {
                                Object[] r = list.get(0);
                                boolean mask = r[2] == null ? noticeConfig.maskNames() : (Boolean) r[2];
                                return new PublicMeta(n, (String) r[0], (String) r[1], mask, num(r[3]).longValue(),
                                        num(r[4]).longValue());
                            });
                });
    }

    /** Published notices of a village, newest quarter first, with the village's name. */
    @WithSession
    public Uni<Map.Entry<String, List<Notice>>> board(long villageId) {
        return query("SELECT v.name, v.id FROM village v WHERE v.id = ?1", villageId).flatMap(v -> {
            if (v.isEmpty()) {
                return Uni.createFrom().failure(DomainException.notFound("该村（社区）"));
            }
            return Notice.<Notice>list("villageId = ?1 and status = ?2 order by year desc, quarter desc, publishedAt desc",
                    villageId, Notice.PUBLISHED).map(list -> Map.entry((String) v.get(0)[0], list));
        });
    }

    public String publicUrl(long noticeId) {
        String base = config.publicBaseUrl();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return base + "/notices/" + noticeId;
    }

    // ---------------------------------------------------------------- objections

    /**
     * Files an objection while the notice period runs. {@code sender} is the client's address, kept only as a hash:
     * more than {@code jifen.notice.max-objections-per-hour} from one address to one notice answer 429.
     */
    @WithTransaction
    public Uni<Objection> file(long noticeId, String text, String contact, String householdNumber, String sender) {
        return Notice.<Notice>findById(noticeId).onItem().ifNull().failWith(() -> DomainException.notFound("该公示"))
                .flatMap(n -> {
                    if (!n.published()) {
                        return Uni.createFrom().failure(DomainException.notFound("该公示"));
                    }
                    if (NoticeRules.window(time.today(), n.noticeFrom, n.noticeTo) != NoticeRules.WindowState.OPEN) {
                        return Uni.createFrom().failure(new DomainException(409, "notice.closed", "不在公示期内，不能提出异议",
                                "公示期为 " + n.noticeFrom + " 至 " + n.noticeTo));
                    }
                    String senderHash = Tokens.hash(sender);
                    return Objection.count("noticeId = ?1 and senderHash = ?2 and filedAt > ?3", n.id, senderHash,
                                    OffsetDateTime.now().minusHours(1))
                            .flatMap(recent -> {
                                if (recent >= noticeConfig.maxObjectionsPerHour()) {
                                    return Uni.createFrom().failure(new DomainException(429, "notice.too-many-objections",
                                            "提交太频繁，请稍后再试", "同一网络一小时内对同一公示最多提交 "
                                            + noticeConfig.maxObjectionsPerHour() + " 条异议"));
                                }
                                Objection o = new Objection();
                                o.noticeId = n.id;
                                o.text = text;
                                o.contact = contact;
                                o.householdNumber = householdNumber;
                                o.senderHash = senderHash;
                                return o.<Objection>persist();
                            });
                });
    }

    @WithSession
    public Uni<List<Objection>> objections(long noticeId) {
        return Objection.list("noticeId = ?1 order by id", noticeId);
    }

    /** Answered objections of a notice, for its public page (the page never shows a contact). */
    @WithSession
    public Uni<List<Objection>> answered(long noticeId) {
        return Objection.list("noticeId = ?1 and answeredAt is not null order by id", noticeId);
    }

    /**
     * Records the answer to an objection, once. An upheld objection may carry an adjustment: an ADJUST
     * posting of {@code points} for the household in {@code month} (an open month, default this month),
     * linked to the objection ({@code cause_type = 'objection'}).
     */
    @WithTransaction
    public Uni<Objection> answer(StaffPrincipal actor, long objectionId, String answer, boolean upheld, Integer points,
                                 Long householdId, YearMonth month) {
        return Objection.<Objection>findById(objectionId).onItem().ifNull().failWith(() -> DomainException.notFound("该异议"))
                .flatMap(o -> Notice.<Notice>findById(o.noticeId).flatMap(n -> {
                    if (o.answeredAt != null) {
                        return Uni.createFrom().failure(new DomainException(409, "notice.objection-answered", "该异议已答复"));
                    }
                    if (points != null && !upheld) {
                        return Uni.createFrom().failure(new DomainException(422, "notice.adjust-not-upheld",
                                "异议不成立时不能调整积分", null, List.of("points")));
                    }
                    Uni<Long> posting = Uni.createFrom().nullItem();
                    if (points != null && points != 0) {
                        YearMonth m = month == null ? time.thisMonth() : month;
                        posting = adjustmentHousehold(n, o, householdId).flatMap(h -> exec("""
                                        INSERT INTO posting (household_id, village_id, type, points, month, cause_type, cause_id,
                                                             reason, actor, seq, prev_hash, hash)
                                        VALUES (?1, ?2, 'ADJUST', ?3, ?4, 'objection', ?5, ?6, ?7, 0, '', '')""",
                                        h, n.villageId, points, m.toString(), o.id, truncate("异议成立：" + answer, 500), actor.username())
                                .flatMap(x -> query("SELECT id, seq FROM posting WHERE household_id = ?1 AND cause_type = 'objection' AND cause_id = ?2",
                                        h, o.id))
                                .map(r -> num(r.get(0)[0]).longValue()));
                    }
                    return posting.flatMap(postingId -> {
                        o.answer = answer;
                        o.upheld = upheld;
                        o.answeredBy = actor.username();
                        o.answeredAt = OffsetDateTime.now();
                        o.postingId = postingId;
                        Map<String, Object> after = new LinkedHashMap<>();
                        after.put("answer", answer);
                        after.put("upheld", upheld);
                        after.put("postingId", postingId);
                        return audit.record(actor.username(), actor.townId(), n.villageId, "answer", "objection", o.id,
                                null, after).replaceWith(o);
                    });
                }));
    }

    private Uni<Long> adjustmentHousehold(Notice n, Objection o, Long householdId) {
        if (householdId != null) {
            return query("SELECT id, village_id FROM household WHERE id = ?1 AND village_id = ?2", householdId, n.villageId)
                    .map(r -> {
                        if (r.isEmpty()) {
                            throw new DomainException(422, "notice.bad-household", "该农户不属于本村", null, List.of("householdId"));
                        }
                        return householdId;
                    });
        }
        if (o.householdNumber == null) {
            return Uni.createFrom().failure(new DomainException(422, "notice.bad-household", "请指定要调整积分的农户",
                    null, List.of("householdId")));
        }
        return query("SELECT id, village_id FROM household WHERE number = ?1 AND village_id = ?2", o.householdNumber, n.villageId)
                .map(r -> {
                    if (r.isEmpty()) {
                        throw new DomainException(422, "notice.bad-household", "异议中的户号在本村不存在，请指定农户", null,
                                List.of("householdId"));
                    }
                    return num(r.get(0)[0]).longValue();
                });
    }

    // ---------------------------------------------------------------- settings

    @WithSession
    public Uni<Boolean> maskNames(long townId) {
        return query("SELECT mask_names, town_id FROM notice_setting WHERE town_id = ?1", townId)
                .map(r -> r.isEmpty() ? noticeConfig.maskNames() : (Boolean) r.get(0)[0]);
    }

    @WithTransaction
    public Uni<Boolean> setMaskNames(StaffPrincipal actor, boolean mask) {
        return exec("""
                INSERT INTO notice_setting (town_id, mask_names, updated_by) VALUES (?1, ?2, ?3)
                ON CONFLICT (town_id) DO UPDATE SET mask_names = EXCLUDED.mask_names, updated_by = EXCLUDED.updated_by,
                                                    updated_at = now()""", actor.townId(), mask, actor.username())
                .call(() -> audit.record(actor.username(), actor.townId(), null, "settings", "notice_setting", actor.townId(),
                        null, Map.of("maskNames", mask)))
                .replaceWith(mask);
    }

    // ---------------------------------------------------------------- internals

    private Uni<Detail> detail(Notice n) {
        return rows(n.id).flatMap(rows -> query("""
                        SELECT v.name,
                               (SELECT count(*) FROM objection o WHERE o.notice_id = ?1),
                               (SELECT count(*) FROM objection o WHERE o.notice_id = ?1 AND o.answered_at IS NULL)
                          FROM village v WHERE v.id = ?2""", n.id, n.villageId)
                .flatMap(meta -> query("""
                        SELECT id, content_type, size, sha256, note, recorded_by, recorded_at
                          FROM notice_evidence WHERE notice_id = ?1 ORDER BY id""", n.id)
                        .map(photos -> {
                            Object[] m = meta.get(0);
                            List<EvidenceInfo> evidence = photos.stream().map(p -> new EvidenceInfo(num(p[0]).longValue(),
                                    (String) p[1], num(p[2]).intValue(), (String) p[3], (String) p[4], (String) p[5],
                                    toOffset(p[6]))).toList();
                            Boolean verified = n.published()
                                    ? NoticeRules.contentHash(n.villageId, n.year, n.quarter, n.sealLines(), rows).equals(n.contentHash)
                                    : null;
                            return new Detail(n, (String) m[0], rows, evidence, num(m[1]).longValue(), num(m[2]).longValue(), verified);
                        })));
    }

    /** The quarter's month seals as "yyyy-MM=seal"; 409 notice.months-open naming the open months. */
    private Uni<List<String>> monthSeals(long villageId, List<YearMonth> months) {
        return query("SELECT month, seal FROM month_close WHERE village_id = ?1 AND month IN (?2, ?3, ?4) ORDER BY month",
                villageId, months.get(0).toString(), months.get(1).toString(), months.get(2).toString())
                .map(list -> {
                    Map<String, String> seals = new LinkedHashMap<>();
                    list.forEach(r -> seals.put((String) r[0], (String) r[1]));
                    List<String> open = months.stream().map(YearMonth::toString).filter(m -> !seals.containsKey(m)).toList();
                    if (!open.isEmpty()) {
                        throw new DomainException(409, "notice.months-open", "该季度还有月份未结账，不能公示",
                                "未结账的月份：" + String.join("、", open));
                    }
                    return months.stream().map(m -> m + "=" + seals.get(m.toString())).toList();
                });
    }

    /** Every active household of the village with its figures for the quarter, ranked. */
    Uni<List<Row>> computeRows(long villageId, int year, int quarter) {
        List<YearMonth> months = NoticeRules.months(year, quarter);
        return query("""
                SELECT h.id, h.number, h.head_name,
                       coalesce(q.points, 0), coalesce(b.points, 0), coalesce(y.points, 0), coalesce(a.available, 0)
                  FROM household h
                  LEFT JOIN earned_points q ON q.household_id = h.id AND q.period = ?2
                  LEFT JOIN (SELECT household_id, sum(points)::int AS points FROM posting
                              WHERE village_id = ?1 AND type = 'BONUS' AND month IN (?3, ?4, ?5)
                              GROUP BY household_id) b ON b.household_id = h.id
                  LEFT JOIN (SELECT household_id, sum(points)::int AS points FROM earned_points
                              WHERE village_id = ?1 AND period = ANY (string_to_array(?6, ','))
                              GROUP BY household_id) y ON y.household_id = h.id
                  LEFT JOIN account a ON a.household_id = h.id
                 WHERE h.village_id = ?1 AND h.status = 'ACTIVE'""",
                villageId, year + "-Q" + quarter, months.get(0).toString(), months.get(1).toString(), months.get(2).toString(),
                String.join(",", NoticeRules.quartersUpTo(year, quarter)))
                .map(list -> NoticeRules.rank(list.stream().map(r -> new Figures(num(r[0]).longValue(), (String) r[1],
                        (String) r[2], num(r[3]).intValue(), num(r[4]).intValue(), num(r[5]).intValue(), num(r[6]).intValue()))
                        .toList()));
    }

    private Uni<Void> insertRows(long noticeId, List<Row> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Map<String, Object>> records = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            Map<String, Object> m = new HashMap<>();
            m.put("position", i + 1);
            m.put("rank", r.rank());
            m.put("household_id", r.householdId());
            m.put("number", r.number());
            m.put("head_name", r.headName());
            m.put("quarter_points", r.quarterPoints());
            m.put("bonus_points", r.bonusPoints());
            m.put("year_points", r.yearPoints());
            m.put("available_points", r.availablePoints());
            records.add(m);
        }
        String payload;
        try {
            payload = json.writeValueAsString(records);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return exec("""
                INSERT INTO notice_row (notice_id, position, rank, household_id, number, head_name, quarter_points,
                                        bonus_points, year_points, available_points)
                SELECT ?1, x.position, x.rank, x.household_id, x.number, x.head_name, x.quarter_points, x.bonus_points,
                       x.year_points, x.available_points
                  FROM jsonb_to_recordset(CAST(CAST(?2 AS text) AS jsonb)) AS x(position int, rank int, household_id bigint, number text,
                       head_name text, quarter_points int, bonus_points int, year_points int, available_points int)""",
                noticeId, payload).replaceWithVoid();
    }

    private Uni<Long> lockVillage(long villageId) {
        return query("SELECT id, town_id FROM village WHERE id = ?1 FOR UPDATE", villageId).map(r -> {
            if (r.isEmpty()) {
                throw DomainException.notFound("该村（社区）");
            }
            return num(r.get(0)[1]).longValue();
        });
    }

    /** The notice, after locking its village (the order every writer takes). */
    private Uni<Notice> lockedNotice(long noticeId) {
        return query("SELECT village_id, id FROM notice WHERE id = ?1", noticeId).flatMap(r -> {
            if (r.isEmpty()) {
                return Uni.createFrom().failure(DomainException.notFound("该公示"));
            }
            return lockVillage(num(r.get(0)[0]).longValue())
                    .flatMap(x -> Notice.<Notice>findById(noticeId))
                    .onItem().ifNull().failWith(() -> DomainException.notFound("该公示"));
        });
    }

    private static void requirePublished(Notice n) {
        if (!n.published()) {
            throw new DomainException(409, "notice.not-published", "公示尚未发布，发布后再记录盖章和张贴照片");
        }
    }

    private static void apply(Notice n, Fields f) {
        n.statisticsDate = f.statisticsDate();
        n.noticeFrom = f.noticeFrom();
        n.noticeTo = f.noticeTo();
        n.signatory = blankToNull(f.signatory());
        n.contact = blankToNull(f.contact());
    }

    private static Map<String, Object> fieldsImage(Notice n) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("year", n.year);
        m.put("quarter", n.quarter);
        m.put("statisticsDate", n.statisticsDate == null ? null : n.statisticsDate.toString());
        m.put("noticeFrom", n.noticeFrom == null ? null : n.noticeFrom.toString());
        m.put("noticeTo", n.noticeTo == null ? null : n.noticeTo.toString());
        m.put("signatory", n.signatory);
        m.put("contact", n.contact);
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

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    private static Number num(Object o) {
        return (Number) o;
    }

    private static OffsetDateTime toOffset(Object o) {
        if (o instanceof OffsetDateTime odt) {
            return odt;
        }
        if (o instanceof java.time.Instant i) {
            return i.atOffset(java.time.ZoneOffset.UTC);
        }
        if (o instanceof java.sql.Timestamp ts) {
            return ts.toInstant().atOffset(java.time.ZoneOffset.UTC);
        }
        if (o instanceof java.time.LocalDateTime ldt) {
            return ldt.atOffset(java.time.ZoneOffset.UTC);
        }
        return null;
    }

    private static Uni<List<Object[]>> query(String sql, Object... params) {
        return Panache.getSession().flatMap(s -> {
            var q = s.createNativeQuery(sql, Object[].class);
            for (int i = 0; i < params.length; i++) {
                q.setParameter(i + 1, params[i]);
            }
            return q.getResultList();
        });
    }

    private static Uni<Integer> exec(String sql, Object... params) {
        return Panache.getSession().flatMap(s -> {
            var q = s.createNativeQuery(sql);
            for (int i = 0; i < params.length; i++) {
                q.setParameter(i + 1, params[i]);
            }
            return q.executeUpdate();
        });
    }
}
