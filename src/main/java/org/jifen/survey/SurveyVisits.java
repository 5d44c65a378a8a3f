package org.jifen.survey;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jifen.common.PhotoUploads;
import org.jifen.audit.Audit;
import org.jifen.common.ChinaTime;
import org.jifen.common.DomainException;
import org.jifen.common.db.Sql;
import org.jifen.common.security.StaffPrincipal;
import org.jifen.town.TownSettings;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Survey visits (走访): recorded by a village's record keepers with what was heard, the goods wished for and photos;
 * listed per village; and the due rule: every ACTIVE household tagged {@link SurveyRules#TAGS} is due a visit unless
 * visited since {@link SurveyRules#dueCutoff} (town setting {@link SurveySettings#DUE_DAYS}).
 */
@ApplicationScoped
public class SurveyVisits {

    /** A goods wished for: one of the village's goods ({@code goodsId}) or a short text. */
    public record Wished(Long goodsId, String name, String text) {
    }

    public record NewVisit(long householdId, LocalDate visitedOn, String metWhom, String needsHeard, List<Long> goodsIds,
                           List<String> texts) {
    }

    public record PhotoRef(long id, String sha256) {
    }

    public record Visit(long id, long villageId, long householdId, String number, String headName, boolean tagged,
                        LocalDate visitedOn, String metWhom, String needsHeard, String officer, String createdAt,
                        List<Wished> wishedGoods, List<PhotoRef> photos) {
    }

    /** A tagged household due a visit: its tags and its last visit (null: never visited). */
    public record Due(long householdId, String number, String headName, String group, List<String> tags, LocalDate lastVisit) {
    }

    /** A household a visit may be recorded for (the form's choice). */
    public record Choice(long id, String number, String headName, boolean tagged) {
    }

    @Inject
    Pool pool;

    @Inject
    Audit audit;

    @Inject
    ChinaTime time;

    @Inject
    TownSettings settings;

    @Inject
    SurveyPhotos photos;

    /** Records a visit with its wished goods and (optional) photo in one transaction; 404 for a household of another village. */
    public Uni<Visit> record(StaffPrincipal actor, long villageId, NewVisit v, PhotoUploads.Upload photo) {
        if (v.visitedOn().isAfter(time.today())) {
            throw DomainException.badRequest("survey.future-date", "走访日期不能晚于今天", List.of("visitedOn"));
        }
        return pool.withTransaction(tx -> Sql.one(tx, """
                                SELECT id FROM household WHERE id = $1 AND village_id = $2 FOR SHARE""",
                        Sql.args(v.householdId(), villageId), "该农户", r -> r.getLong("id"))
                .flatMap(h -> checkGoods(tx, villageId, v.goodsIds()))
                .flatMap(x -> Sql.one(tx, """
                                INSERT INTO survey_visit (village_id, household_id, visited_on, met_whom, needs_heard, officer)
                                VALUES ($1, $2, $3, $4, $5, $6) RETURNING id""",
                        Sql.args(villageId, v.householdId(), v.visitedOn(), v.metWhom(), v.needsHeard(), actor.username()), "",
                        r -> r.getLong("id")))
                .call(id -> Sql.exec(tx, """
                                INSERT INTO survey_visit_goods (visit_id, goods_id, text)
                                SELECT $1::bigint, g, NULL::text FROM unnest($2::bigint[]) AS g
                                UNION ALL
                                SELECT $1::bigint, NULL::bigint, t FROM unnest($3::text[]) AS t""",
                        Sql.args(id, v.goodsIds().toArray(Long[]::new), v.texts().toArray(String[]::new))))
                .call(id -> photo == null ? Uni.createFrom().voidItem() : photos.store(tx, actor, villageId, id, photo).replaceWithVoid())
                .call(id -> audit.record(tx, actor, villageId, "create", "survey_visit", id, null, snapshot(v)))
                .flatMap(id -> find(tx, id)));
    }

    /** Adds a photo to a recorded visit. */
    public Uni<SurveyPhotos.Stored> addPhoto(StaffPrincipal actor, long visitId, PhotoUploads.Upload photo) {
        return pool.withTransaction(tx -> Sql.one(tx, "SELECT village_id FROM survey_visit WHERE id = $1", Sql.args(visitId), "该走访记录",
                r -> r.getLong("village_id")).flatMap(villageId -> photos.store(tx, actor, villageId, visitId, photo)));
    }

    private static Uni<Void> checkGoods(SqlClient tx, long villageId, List<Long> goodsIds) {
        if (goodsIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Sql.one(tx, "SELECT count(*) AS n FROM goods WHERE village_id = $1 AND id = ANY($2)",
                Sql.args(villageId, goodsIds.toArray(Long[]::new)), "", r -> r.getLong("n")).invoke(n -> {
            if (n != goodsIds.stream().distinct().count()) {
                throw DomainException.badRequest("survey.unknown-goods", "本村超市没有这件商品", List.of("goodsIds"));
            }
        }).replaceWithVoid();
    }

    private static Map<String, Object> snapshot(NewVisit v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("householdId", v.householdId());
        m.put("visitedOn", v.visitedOn().toString());
        m.put("metWhom", v.metWhom());
        m.put("needsHeard", v.needsHeard());
        m.put("goodsIds", v.goodsIds());
        m.put("texts", v.texts());
        return m;
    }

    private static final String VISITS = """
            SELECT s.id, s.village_id, s.household_id, h.number, h.head_name, h.tags && $9::text[] AS tagged, s.visited_on,
                   s.met_whom, s.needs_heard, s.officer,
                   to_char(s.created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') AS created_at,
                   array(SELECT coalesce(g.goods_id::text, '') FROM survey_visit_goods g WHERE g.visit_id = s.id ORDER BY g.id) AS goods_ids,
                   array(SELECT coalesce(x.name, g.text) FROM survey_visit_goods g LEFT JOIN goods x ON x.id = g.goods_id
                          WHERE g.visit_id = s.id ORDER BY g.id) AS goods_names,
                   array(SELECT p.id::text || ':' || p.sha256 FROM survey_photo p WHERE p.visit_id = s.id ORDER BY p.id) AS photos
              FROM survey_visit s JOIN household h ON h.id = s.household_id
             WHERE ($1::bigint IS NULL OR s.id = $1) AND ($2::bigint IS NULL OR s.village_id = $2)
               AND ($3::date IS NULL OR s.visited_on >= $3) AND ($4::date IS NULL OR s.visited_on <= $4)
               AND ($5::bigint IS NULL OR s.household_id = $5)
               AND ($6::bigint IS NULL OR s.id < $6)
             ORDER BY s.visited_on DESC, s.id DESC
             LIMIT $7 OFFSET $8""";

    private Uni<Visit> find(SqlClient db, long id) {
        return Sql.one(db, VISITS, Sql.args(id, null, null, null, null, null, 1, 0, SurveyRules.TAGS.toArray(String[]::new)),
                "该走访记录", SurveyVisits::visit);
    }

    public Uni<Visit> find(long id) {
        return find(pool, id);
    }

    /** The village's visits, newest first; {@code from}/{@code to} optional; at most {@code limit}. */
    public Uni<List<Visit>> ofVillage(long villageId, LocalDate from, LocalDate to, Long householdId, int limit) {
        return Sql.list(pool, VISITS, Sql.args(null, villageId, from, to, householdId, null, limit, 0,
                SurveyRules.TAGS.toArray(String[]::new)), SurveyVisits::visit);
    }

    private static Visit visit(Row r) {
        String[] ids = r.getArrayOfStrings("goods_ids");
        String[] names = r.getArrayOfStrings("goods_names");
        List<Wished> wished = new ArrayList<>();
        for (int i = 0; i < ids.length; i++) {
            boolean goods = !ids[i].isEmpty();
            wished.add(new Wished(goods ? Long.valueOf(ids[i]) : null, goods ? names[i] : null, goods ? null : names[i]));
        }
        List<PhotoRef> photos = Arrays.stream(r.getArrayOfStrings("photos"))
                .map(p -> new PhotoRef(Long.parseLong(p.substring(0, p.indexOf(':'))), p.substring(p.indexOf(':') + 1))).toList();
        return new Visit(r.getLong("id"), r.getLong("village_id"), r.getLong("household_id"), r.getString("number"),
                r.getString("head_name"), r.getBoolean("tagged"), r.getLocalDate("visited_on"), r.getString("met_whom"),
                r.getString("needs_heard"), r.getString("officer"), r.getString("created_at"), wished, photos);
    }

    // ---- due -----------------------------------------------------------------------------------------------

    private static final String DUE = """
            SELECT h.id, h.number, h.head_name, h.group_name, h.tags,
                   (SELECT max(s.visited_on) FROM survey_visit s WHERE s.household_id = h.id) AS last_visit
              FROM household h
             WHERE h.village_id = $1 AND h.status = 'ACTIVE' AND h.tags && $2::text[]
               AND NOT EXISTS (SELECT 1 FROM survey_visit s WHERE s.household_id = h.id AND s.visited_on >= $3)
             ORDER BY last_visit NULLS FIRST, h.number""";

    /** The day from which a visit counts, with the town's setting. */
    public Uni<LocalDate> cutoff(long townId) {
        return settings.of(pool, townId).map(values -> SurveyRules.dueCutoff(time.today(), values.intValue(SurveySettings.DUE_DAYS)));
    }

    /** The town's setting (days; 0 = per calendar quarter). */
    public Uni<Integer> dueDays(long townId) {
        return settings.of(pool, townId).map(values -> values.intValue(SurveySettings.DUE_DAYS));
    }

    /** The village's tagged households due a visit: never visited first, then the longest ago. */
    public Uni<List<Due>> due(long townId, long villageId) {
        return cutoff(townId).flatMap(cutoff -> Sql.list(pool, DUE, Sql.args(villageId, SurveyRules.TAGS.toArray(String[]::new), cutoff),
                r -> new Due(r.getLong("id"), r.getString("number"), r.getString("head_name"), r.getString("group_name"),
                        List.of(r.getArrayOfStrings("tags")), r.getLocalDate("last_visit"))));
    }

    /** How many of the village's tagged households are due a visit (the village home page's figure). */
    public Uni<Long> dueCount(long townId, long villageId) {
        return cutoff(townId).flatMap(cutoff -> Sql.one(pool, """
                        SELECT count(*) AS n FROM household h
                         WHERE h.village_id = $1 AND h.status = 'ACTIVE' AND h.tags && $2::text[]
                           AND NOT EXISTS (SELECT 1 FROM survey_visit s WHERE s.household_id = h.id AND s.visited_on >= $3)""",
                Sql.args(villageId, SurveyRules.TAGS.toArray(String[]::new), cutoff), "", r -> r.getLong("n")));
    }

    /** The village's ACTIVE households for the visit form: tagged first, by number. */
    public Uni<List<Choice>> choices(long villageId) {
        return Sql.list(pool, """
                        SELECT id, number, head_name, tags && $2::text[] AS tagged FROM household
                         WHERE village_id = $1 AND status = 'ACTIVE' ORDER BY tags && $2::text[] DESC, number LIMIT 2000""",
                Sql.args(villageId, SurveyRules.TAGS.toArray(String[]::new)),
                r -> new Choice(r.getLong("id"), r.getString("number"), r.getString("head_name"), r.getBoolean("tagged")));
    }

    public Uni<String> villageName(long villageId) {
        return Sql.one(pool, "SELECT name FROM village WHERE id = $1", Sql.args(villageId), "该村（社区）", r -> r.getString("name"));
    }
}
