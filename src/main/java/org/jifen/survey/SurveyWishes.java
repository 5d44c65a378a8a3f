package org.jifen.survey;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jifen.common.DomainException;
import org.jifen.common.db.Sql;

import java.util.List;

/**
 * A household's own wishes (心愿) from the portal: one tap on a goods of the village shop or a common suggestion, or a
 * short text. At most {@code jifen.survey.max-open-wishes} (default 5) open at a time per household, so nobody floods
 * the ranking; the same wish twice is refused while the first is open. A household withdraws only its own wish.
 * Every call is keyed by the portal session's household, never by a request parameter.
 */
@ApplicationScoped
public class SurveyWishes {

    public record Wish(long id, Long goodsId, String name, String text, String createdAt, boolean open) {

        /** What the household wished for: the goods' name or its own text. */
        public String what() {
            return name != null ? name : text;
        }
    }

    /** A one-tap suggestion: a goods of the village shop ({@code goodsId}) or a common text. */
    public record Suggestion(Long goodsId, String text) {
    }

    @Inject
    Pool pool;

    @ConfigProperty(name = "jifen.survey.max-open-wishes", defaultValue = "5")
    int maxOpen;

    public int maxOpen() {
        return maxOpen;
    }

    /**
     * Adds a wish of the household (exactly one of {@code goodsId} and {@code text}); the household's row is locked, so
     * two taps at once cannot pass the limit together.
     */
    public Uni<Wish> add(long householdId, long villageId, Long goodsId, String text) {
        if ((goodsId == null) == (text == null)) {
            throw DomainException.badRequest("request.invalid", "请选一件物品，或写下想要的东西", List.of("goodsId", "text"));
        }
        if (text != null && (text.length() > SurveyRules.WISH_TEXT_MAX || text.indexOf('\0') >= 0)) {
            throw DomainException.badRequest("survey.text-too-long", "心愿不能超过 " + SurveyRules.WISH_TEXT_MAX + " 个字", List.of("text"));
        }
        return pool.withTransaction(tx -> Sql.one(tx, "SELECT id FROM household WHERE id = $1 AND village_id = $2 FOR UPDATE",
                        Sql.args(householdId, villageId), "该农户", r -> r.getLong("id"))
                .flatMap(h -> goodsId == null ? Uni.createFrom().voidItem()
                        : Sql.exists(tx, "SELECT 1 FROM goods WHERE id = $1 AND village_id = $2 AND active", Sql.args(goodsId, villageId))
                        .invoke(ok -> {
                            if (!ok) {
                                throw DomainException.badRequest("survey.unknown-goods", "本村超市没有这件商品", List.of("goodsId"));
                            }
                        }).replaceWithVoid())
                .flatMap(x -> Sql.one(tx, """
                                SELECT count(*) AS open,
                                       count(*) FILTER (WHERE goods_id = $2 OR lower(text) = lower($3)) AS same
                                  FROM survey_wish WHERE household_id = $1 AND withdrawn_at IS NULL""",
                        Sql.args(householdId, goodsId, text), "", r -> new long[]{r.getLong("open"), r.getLong("same")}))
                .invoke(n -> {
                    if (n[1] > 0) {
                        throw DomainException.conflict("survey.wish-exists", "这个心愿已经在列表里了");
                    }
                    if (n[0] >= maxOpen) {
                        throw new DomainException(409, "survey.too-many-wishes", "心愿最多 " + maxOpen + " 个",
                                "请先撤回一个旧心愿，再添加新的");
                    }
                })
                .flatMap(x -> Sql.one(tx, """
                                INSERT INTO survey_wish (village_id, household_id, goods_id, text) VALUES ($1, $2, $3, $4)
                                RETURNING id""", Sql.args(villageId, householdId, goodsId, text), "", r -> r.getLong("id")))
                .flatMap(id -> Sql.one(tx, WISHES + " AND w.id = $2", Sql.args(householdId, id), "", SurveyWishes::wish)));
    }

    /** Withdraws one open wish of the household; 404 for a wish of another household. Withdrawing again changes nothing. */
    public Uni<Void> withdraw(long householdId, long wishId) {
        return Sql.exec(pool, """
                        UPDATE survey_wish SET withdrawn_at = coalesce(withdrawn_at, now()) WHERE id = $1 AND household_id = $2""",
                Sql.args(wishId, householdId)).invoke(n -> {
            if (n == 0) {
                throw DomainException.notFound("该心愿");
            }
        }).replaceWithVoid();
    }

    private static final String WISHES = """
            SELECT w.id, w.goods_id, g.name, w.text, w.withdrawn_at IS NULL AS open,
                   to_char(w.created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS created_at
              FROM survey_wish w LEFT JOIN goods g ON g.id = w.goods_id
             WHERE w.household_id = $1""";

    /** The household's open wishes, newest first. */
    public Uni<List<Wish>> open(long householdId) {
        return Sql.list(pool, WISHES + " AND w.withdrawn_at IS NULL ORDER BY w.id DESC", Sql.args(householdId), SurveyWishes::wish);
    }

    /** One-tap suggestions: the village shop's active goods, then the common ones the shop has no goods of. */
    public Uni<List<Suggestion>> suggestions(long villageId) {
        return Sql.list(pool, "SELECT id, name FROM goods WHERE village_id = $1 AND active ORDER BY name LIMIT 60", Sql.args(villageId),
                r -> new Suggestion(r.getLong("id"), r.getString("name"))).map(goods -> {
            List<String> names = goods.stream().map(s -> s.text().toLowerCase()).toList();
            List<Suggestion> out = new java.util.ArrayList<>(goods);
            SurveyRules.COMMON_SUGGESTIONS.stream().filter(c -> !names.contains(c.toLowerCase()))
                    .forEach(c -> out.add(new Suggestion(null, c)));
            return out;
        });
    }

    private static Wish wish(Row r) {
        return new Wish(r.getLong("id"), r.getLong("goods_id"), r.getString("name"), r.getString("text"), r.getString("created_at"),
                r.getBoolean("open"));
    }
}
