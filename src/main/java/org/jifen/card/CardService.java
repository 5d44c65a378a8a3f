package org.jifen.card;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jifen.audit.Audit;
import org.jifen.common.DomainException;
import org.jifen.common.JifenConfig;
import org.jifen.common.db.Sql;
import org.jifen.common.security.PortalSessions;
import org.jifen.common.security.StaffPrincipal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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

    @Inject
    Audit audit;

    public Uni<CardView> card(long householdId) {
        return Sql.one(pool, "SELECT card_version FROM household WHERE id = $1", Sql.args(householdId), "该农户",
                        r -> r.getInteger("card_version"))
                .flatMap(version -> qrText(householdId, version).map(text -> new CardView(text, version)));
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
        return pool.withTransaction(tx -> Sql.one(tx, """
                                UPDATE household h SET card_version = card_version + 1, updated_at = now()
                                  FROM village v WHERE h.id = $1 AND v.id = h.village_id
                                RETURNING h.card_version, h.village_id, v.town_id""", Sql.args(householdId), "该农户",
                        r -> new Reissued(r.getInteger("card_version"), r.getLong("village_id"), r.getLong("town_id")))
                .flatMap(card -> portalSessions.revokeOlderCards(tx, householdId, card.version()).invoke(ended::addAll)
                        .flatMap(hashes -> audit.record(tx, actor.username(), card.townId(), card.villageId(), "reissue-card",
                                "household", householdId, Map.of("cardVersion", card.version() - 1),
                                Map.of("cardVersion", card.version(), "endedSessions", hashes.size())))
                        .flatMap(x -> qrText(householdId, card.version())).map(text -> new CardView(text, card.version()))))
                .call(() -> portalSessions.forget(ended));
    }

    private record Reissued(int version, long villageId, long townId) {
    }

    /** The cards of a village's active households (all, or only {@code householdId}), ordered by number. */
    public Uni<List<PrintedCard>> cardsOf(long villageId, Long householdId) {
        return keys.codec().flatMap(codec -> Sql.list(pool, """
                        SELECT id, number, head_name, group_name, card_version FROM household
                         WHERE village_id = $1 AND status = 'ACTIVE' AND ($2::bigint IS NULL OR id = $2)
                         ORDER BY length(number), number, id""", Sql.args(villageId, householdId),
                r -> new PrintedCard(r.getLong("id"), r.getString("number"), r.getString("head_name"), r.getString("group_name"),
                        qrText(codec, r.getLong("id"), r.getInteger("card_version")), r.getInteger("card_version"))));
    }

    /**
     * Reads scanned text (a card URL or a bare token): {@code card.invalid} (400) when it is not a genuine card
     * of ours, {@code card.revoked} (403) when a newer card was issued or the household is no longer active.
     */
    public Uni<ScannedCard> scan(String qrText) {
        return keys.codec().flatMap(codec -> {
            CardToken.Parsed parsed = codec.verify(CardToken.tokenOf(qrText)).orElseThrow(CardService::invalid);
            return Sql.first(pool, """
                            SELECT h.village_id, v.town_id, v.name, h.number, h.head_name, h.card_version, h.status
                              FROM household h JOIN village v ON v.id = h.village_id WHERE h.id = $1""",
                    Sql.args(parsed.householdId()), r -> {
                        if (r.getInteger("card_version") != parsed.version() || !"ACTIVE".equals(r.getString("status"))) {
                            throw revoked();
                        }
                        return new ScannedCard(parsed.householdId(), r.getLong("village_id"), r.getLong("town_id"),
                                r.getString("name"), r.getString("number"), r.getString("head_name"), parsed.version());
                    })
                    .onItem().ifNull().failWith(CardService::invalid);
        });
    }

    public static DomainException invalid() {
        return new DomainException(400, "card.invalid", "无效的积分卡", "这不是本系统的积分卡二维码，或二维码已被篡改");
    }

    public static DomainException revoked() {
        return new DomainException(403, "card.revoked", "积分卡已作废", "这张积分卡已补办新卡或已停用，请使用最新的积分卡");
    }
}
