package org.jifen.flags;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import org.jifen.common.ChinaTime;
import org.jifen.ledger.LedgerChecks;
import org.jifen.town.TownSettings;

import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * {@code chain-broken}: the last ledger check of a village ({@link LedgerChecks}, run in the background by every
 * replica's scheduler, one at a time) found a broken hash chain, a month seal that no longer matches, or a balance or
 * earned figure that its postings do not add up to. A chain is the whole history of a household, so the check is not
 * run per request: this rule reads each village's last result (one indexed query), whatever the year. Evidence: the
 * ledger check's report of the village, recomputed when opened.
 */
@ApplicationScoped
public class ChainBroken implements FlagRule {

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
        return LedgerChecks.ofTown(db, townId).map(checks -> checks.stream().filter(c -> !c.ok()).map(ChainBroken::flag).toList());
    }

    private static Flag flag(LedgerChecks.Check check) {
        String when = check.checkedAt().atZoneSameInstant(ChinaTime.ZONE).format(WHEN);
        return new Flag("chain-broken", check.villageId(), "台账校验（" + when + "）发现 " + check.problems() + " 处问题，首处："
                + check.firstProblem(), "/api/villages/" + check.villageId() + "/ledger/verify");
    }

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
}
