package org.jifen.flags;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jifen.common.db.Sql;
import org.jifen.ledger.LedgerVerifier;
import org.jifen.town.TownSettings;

import java.util.List;
import java.util.Objects;

/**
 * {@code chain-broken}: the ledger check ({@link LedgerVerifier}) finds a broken hash chain, a month seal that no longer
 * matches, or a balance or earned figure that its postings do not add up to. A chain is the whole history of a
 * household, so this rule reads each village's postings (one village after the other), whatever the year: the one
 * rule not bounded by the year. Evidence: the ledger check's report of the village.
 */
@ApplicationScoped
public class ChainBroken implements FlagRule {

    @Inject
    LedgerVerifier verifier;

    @Override
    public String kind() {
        return "chain-broken";
    }

    @Override
    public int order() {
        return 70;
    }

    @Override
    public Uni<List<Flag>> find(SqlClient db, long townId, int year, TownSettings.Values settings) {
        return Sql.list(db, "SELECT id FROM village WHERE town_id = $1 ORDER BY id", Sql.args(townId), r -> r.getLong("id"))
                .flatMap(ids -> Multi.createFrom().iterable(ids)
                        .onItem().transformToUniAndConcatenate(id -> verifier.verify(id).map(ChainBroken::flag))
                        .filter(Objects::nonNull).collect().asList());
    }

    private static Flag flag(LedgerVerifier.Report report) {
        if (report.ok()) {
            return null;
        }
        LedgerVerifier.Problem first = report.firstBrokenLink() != null ? report.firstBrokenLink() : report.problems().get(0);
        String where = first.householdId() != null ? "农户 " + first.householdId() + (first.seq() != null ? " 第 " + first.seq() + " 条流水" : "")
                : first.month() != null ? first.month() + " 月度封存" : "";
        return new Flag("chain-broken", report.villageId(), "台账校验发现 " + report.problems().size() + " 处问题，首处：" + where + "，"
                + first.detail(), "/api/villages/" + report.villageId() + "/ledger/verify");
    }
}
