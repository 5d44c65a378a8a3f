package org.jifen.card;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jifen.audit.AuditSql;
import org.jifen.common.DomainException;
import org.jifen.common.JifenConfig;
import org.jifen.common.security.PortalSessions;
import org.jifen.common.security.StaffPrincipal;

import java.util.ArrayList;
import java.util.List;

/** Household cards: the text of a card's QR code, reissue (revokes older cards), and reading a scanned card. */
@ApplicationScoped
public class CardService {

    /** What a card's QR code encodes. */
    public record CardView(String qrText, int cardVersion) {
    }

    /** One card on a printed sheet. */
    public record PrintedCard(long householdId, String number, String headName, String group, String qrText, int cardVersion) {
    }

    /** A genuine, current card: the household it names, still active, with the card version checked. */
    public record ScannedCard(long householdId, long villageId, long townId, String villageName, String number,
                              String headName, int cardVersion) {
    }

    @Inject
    CardKeys keys;

    @Inject
    JifenConfig config;

    @Inject
    Pool pool;

    @Inject
    PortalSessions portalSessions;

    public Uni<CardView> card(long householdId) {
        return pool.preparedQuery("SELECT card_version FROM household WHERE id = $1").execute(Tuple.of(householdId))
                .flatMap(rows -> {
                    if (!rows.iterator().hasNext()) {
                        throw DomainException.notFound("该农户");
                    }
                    int version = rows.iterator().next().getInteger(0);
                    return qrText(householdId, version).map(text -> new CardView(text, version));
                });
    }

    public Uni<String> qrText(long householdId, int version) {
        return keys.codec().map(codec -> qrText(codec, householdId, version));
    }

    String qrText(CardToken codec, long householdId, int version) {
        return baseUrl() + "/c/" + codec.sign(householdId, version);
    }

    String baseUrl() {
        String base = config.publicBaseUrl().trim();
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    /**
     * Bumps the card version: from now on every older card is refused as {@code card.revoked}, and the portal
     * sessions opened with an older card (card + phone login) end; those of bound WeChat users stay.
     */
    public Uni<CardView> reissue(StaffPrincipal actor, long householdId) {
        List<String> ended = new ArrayList<>();
        return pool.withTransaction(conn -> conn.preparedQuery("""
                        UPDATE household h SET card_version = card_version + 1, updated_at = now()
                          FROM village v WHERE h.id = $1 AND v.id = h.village_id
                        RETURNING h.card_version, h.village_id, v.town_id""").execute(Tuple.of(householdId))
                .flatMap(rows -> {
                    if (!rows.iterator().hasNext()) {
                        throw DomainException.notFound("该农户");
                    }
                    Row row = rows.iterator().next();
                    int version = row.getInteger("card_version");
                    return portalSessions.revokeOlderCards(conn, householdId, version).invoke(ended::addAll)
                            .flatMap(hashes -> AuditSql.write(conn, actor.username(), row.getLong("town_id"), row.getLong("village_id"),
                                    "reissue-card", "household", householdId, new JsonObject().put("cardVersion", version - 1),
                                    new JsonObject().put("cardVersion", version).put("endedSessions", hashes.size())))
                            .flatMap(x -> qrText(householdId, version)).map(text -> new CardView(text, version));
                }))
                .call(() -> portalSessions.forget(ended));
    }

    /** The cards of a village's active households (all, or only {@code householdId}), ordered by number. */
    public Uni<List<PrintedCard>> cardsOf(long villageId, Long householdId) {
        return keys.codec().flatMap(codec -> pool.preparedQuery("""
                        SELECT id, number, head_name, group_name, card_version FROM household
                         WHERE village_id = $1 AND status = 'ACTIVE' AND ($2::bigint IS NULL OR id = $2)
                         ORDER BY length(number), number, id""").execute(Tuple.of(villageId, householdId))
                .map(rows -> {
                    List<PrintedCard> cards = new ArrayList<>();
                    for (Row r : rows) {
                        cards.add(new PrintedCard(r.getLong("id"), r.getString("number"), r.getString("head_name"),
                                r.getString("group_name"), qrText(codec, r.getLong("id"), r.getInteger("card_version")),
                                r.getInteger("card_version")));
                    }
                    return cards;
                }));
    }

    /**
     * Reads scanned text (a card URL or a bare token): {@code card.invalid} (400) when it is not a genuine card
     * of ours, {@code card.revoked} (403) when a newer card was issued or the household is no longer active.
     */
    public Uni<ScannedCard> scan(String qrText) {
        return keys.codec().flatMap(codec -> {
            CardToken.Parsed parsed = codec.verify(CardToken.tokenOf(qrText)).orElseThrow(CardService::invalid);
            return pool.preparedQuery("""
                            SELECT h.village_id, v.town_id, v.name, h.number, h.head_name, h.card_version, h.status
                              FROM household h JOIN village v ON v.id = h.village_id WHERE h.id = $1""")
                    .execute(Tuple.of(parsed.householdId()))
                    .map(rows -> {
                        if (!rows.iterator().hasNext()) {
                            throw invalid();
                        }
                        Row r = rows.iterator().next();
                        if (r.getInteger("card_version") != parsed.version() || !"ACTIVE".equals(r.getString("status"))) {
                            throw revoked();
                        }
                        return new ScannedCard(parsed.householdId(), r.getLong("village_id"), r.getLong("town_id"),
                                r.getString("name"), r.getString("number"), r.getString("head_name"), parsed.version());
                    });
        });
    }

    public static DomainException invalid() {
        return new DomainException(400, "card.invalid", "无效的积分卡", "这不是本系统的积分卡二维码，或二维码已被篡改");
    }

    public static DomainException revoked() {
        return new DomainException(403, "card.revoked", "积分卡已作废", "这张积分卡已补办新卡或已停用，请使用最新的积分卡");
    }
}
