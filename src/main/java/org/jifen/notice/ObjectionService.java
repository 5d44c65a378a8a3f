package org.jifen.notice;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jifen.audit.Audit;
import org.jifen.common.ChinaTime;
import org.jifen.common.DomainException;
import org.jifen.common.security.StaffPrincipal;
import org.jifen.common.security.Tokens;
import org.jifen.ledger.Postings;

import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Objections (异议) to published notices: anyone files one during the notice period, staff answer each once. An upheld
 * objection may correct points with an ADJUST posting in an open month; the notice itself stays as published.
 */
@ApplicationScoped
public class ObjectionService {

    @Inject
    Pool pool;

    @Inject
    Audit audit;

    @Inject
    ChinaTime time;

    @Inject
    NoticeConfig config;

    public Uni<Objection> file(long noticeId, String text, String contact, String householdNumber, String sender) {
        return pool.withTransaction(tx -> file(tx, noticeId, text, contact, householdNumber, sender));
    }

    /**
     * Files an objection while the notice period runs. {@code sender} is the client's address, kept only as a hash:
     * more than {@code jifen.notice.max-objections-per-hour} from one address to one notice answer 429.
     */
    public Uni<Objection> file(SqlClient tx, long noticeId, String text, String contact, String householdNumber, String sender) {
        return Notices.find(tx, noticeId).flatMap(n -> {
            if (n == null || !n.published()) {
                return Uni.createFrom().failure(DomainException.notFound("该公示"));
            }
            if (NoticeRules.window(time.today(), n.noticeFrom(), n.noticeTo()) != NoticeRules.WindowState.OPEN) {
                return Uni.createFrom().failure(new DomainException(409, "notice.closed", "不在公示期内，不能提出异议",
                        "公示期为 " + n.noticeFrom() + " 至 " + n.noticeTo()));
            }
            String senderHash = Tokens.hash(sender);
            return Objections.filedInTheLastHour(tx, n.id(), senderHash).flatMap(recent -> {
                if (recent >= config.maxObjectionsPerHour()) {
                    return Uni.createFrom().failure(new DomainException(429, "notice.too-many-objections", "提交太频繁，请稍后再试",
                            "同一网络一小时内对同一公示最多提交 " + config.maxObjectionsPerHour() + " 条异议"));
                }
                // a villager's write is audited too: the actor is the sender's address, as a short hash
                return Objections.insert(tx, n.id(), text, contact, householdNumber, senderHash)
                        .call(o -> Objections.townOf(tx, n.villageId()).flatMap(town -> audit.record(tx,
                                "public:" + senderHash.substring(0, 12), town, n.villageId(), "file", "objection", o.id(), null,
                                java.util.Map.of("noticeId", n.id(), "householdNumber", householdNumber == null ? "" : householdNumber))));
            });
        });
    }

    /** A notice's objections in the order they came, contacts included (for staff). */
    public Uni<List<Objection>> ofNotice(long noticeId) {
        return Objections.ofNotice(pool, noticeId, false);
    }

    /** Answered objections of a notice, for its public page (the page never shows a contact). */
    public Uni<List<Objection>> answered(long noticeId) {
        return Objections.ofNotice(pool, noticeId, true);
    }

    public Uni<Objection> answer(StaffPrincipal actor, long objectionId, String answer, boolean upheld, Integer points,
                                 Long householdId, YearMonth month) {
        return pool.withTransaction(tx -> answer(tx, actor, objectionId, answer, upheld, points, householdId, month));
    }

    /**
     * Records the answer to an objection, once. An upheld objection may carry an adjustment: an ADJUST posting of
     * {@code points} for the household in {@code month} (an open month, default this month; the ledger refuses a
     * closed one), linked to the objection ({@code cause_type = 'objection'}).
     */
    public Uni<Objection> answer(SqlClient tx, StaffPrincipal actor, long objectionId, String answer, boolean upheld,
                                 Integer points, Long householdId, YearMonth month) {
        return Objections.lock(tx, objectionId).flatMap(o -> Notices.get(tx, o.noticeId()).flatMap(n -> {
            if (o.answeredAt() != null) {
                return Uni.createFrom().failure(new DomainException(409, "notice.objection-answered", "该异议已答复"));
            }
            if (points != null && !upheld) {
                return Uni.createFrom().failure(new DomainException(422, "notice.adjust-not-upheld",
                        "异议不成立时不能调整积分", null, List.of("points")));
            }
            Uni<Long> posting = points == null || points == 0 ? Uni.createFrom().nullItem()
                    : adjustedHousehold(tx, n, o, householdId).flatMap(h -> Postings.post(tx, new Postings.NewPosting(h,
                            n.villageId(), "ADJUST", points, (month == null ? time.thisMonth() : month).toString(), "objection",
                            o.id(), null, truncate("异议成立：" + answer, 500), actor.username())))
                    .map(Postings.PostingView::id);
            return posting.flatMap(postingId -> Objections.answer(tx, o.id(), answer, upheld, actor.username(), postingId))
                    .call(a -> {
                        Map<String, Object> after = new LinkedHashMap<>();
                        after.put("answer", a.answer());
                        after.put("upheld", a.upheld());
                        after.put("postingId", a.postingId());
                        return audit.record(tx, actor, n.villageId(), "answer", "objection", a.id(), null, after);
                    });
        }));
    }

    /** The household to adjust: the one named, or the one whose number (户号) the objection gave; of the notice's village. */
    private static Uni<Long> adjustedHousehold(SqlClient tx, Notice n, Objection o, Long householdId) {
        if (householdId != null) {
            return Objections.householdById(tx, householdId, n.villageId()).onItem().ifNull().failWith(() ->
                    new DomainException(422, "notice.bad-household", "该农户不属于本村", null, List.of("householdId")));
        }
        if (o.householdNumber() == null) {
            return Uni.createFrom().failure(new DomainException(422, "notice.bad-household", "请指定要调整积分的农户",
                    null, List.of("householdId")));
        }
        return Objections.householdByNumber(tx, o.householdNumber(), n.villageId()).onItem().ifNull().failWith(() ->
                new DomainException(422, "notice.bad-household", "异议中的户号在本村不存在，请指定农户", null,
                        List.of("householdId")));
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
