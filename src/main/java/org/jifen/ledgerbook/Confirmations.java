package org.jifen.ledgerbook;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jifen.audit.Audit;
import org.jifen.common.ChinaTime;
import org.jifen.common.DomainException;
import org.jifen.common.db.Sql;
import org.jifen.common.security.Role;
import org.jifen.common.security.StaffPrincipal;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * Signatures in the app (签字): the evaluation group (评议组, a REVIEWER) and the village secretary each confirm a
 * closed month's points detail and a held redemption day's record, once per signature line. A TOWN_ADMIN may sign
 * for either line and must say which ({@code as}). Confirmations are append-only and audited.
 */
@ApplicationScoped
public class Confirmations {

    public static final String REVIEWER = "REVIEWER";
    public static final String SECRETARY = "SECRETARY";

    /** What the API answers for a confirmation. */
    public record View(long id, String subject, String month, Long redemptionDayId, String capacity, String username,
                       String displayName, String role, String confirmedAt) {
        static View of(LedgerBookSql.ConfirmationLine c) {
            return new View(c.id(), c.subject(), c.month(), c.redemptionDayId(), c.capacity(), c.username(), c.displayName(),
                    c.role(), c.confirmedAt().toInstant().toString());
        }
    }

    @Inject
    Pool pool;

    @Inject
    Audit audit;

    @Inject
    ChinaTime time;

    public record DayOf(long villageId, int year) {
    }

    public Uni<DayOf> dayOf(long dayId) {
        return Sql.one(pool, "SELECT village_id, day FROM redemption_day WHERE id = $1", Sql.args(dayId), "该兑换日",
                r -> new DayOf(r.getLong("village_id"), r.getLocalDate("day").getYear()));
    }

    public Uni<List<View>> ofYear(long villageId, int year) {
        return LedgerBookSql.confirmations(pool, villageId, year).map(l -> l.stream().map(View::of).toList());
    }

    /** The signature line {@code actor} signs: its own role's, or for a TOWN_ADMIN the one it names. */
    static String capacity(StaffPrincipal actor, String as) {
        String wanted = as == null || as.isBlank() ? null : as.trim().toUpperCase(java.util.Locale.ROOT);
        if (wanted != null && !wanted.equals(REVIEWER) && !wanted.equals(SECRETARY)) {
            throw DomainException.badRequest("request.invalid", "签字身份只能是 REVIEWER（评议组）或 SECRETARY（村党支部书记）", List.of("as"));
        }
        if (actor.role() == Role.TOWN_ADMIN) {
            if (wanted == null) {
                throw DomainException.badRequest("request.invalid", "请说明以评议组（REVIEWER）还是村党支部书记（SECRETARY）的身份确认", List.of("as"));
            }
            return wanted;
        }
        String own = actor.role() == Role.REVIEWER ? REVIEWER : actor.role() == Role.SECRETARY ? SECRETARY : null;
        if (own == null || (wanted != null && !wanted.equals(own))) {
            throw DomainException.forbidden();
        }
        return own;
    }

    static YearMonth month(String raw) {
        try {
            if (raw != null && raw.matches("\\d{4}-\\d{2}")) {
                YearMonth m = YearMonth.parse(raw);
                if (m.getYear() >= 2000 && m.getYear() <= 2100) {
                    return m;
                }
            }
        } catch (DateTimeParseException e) {
            // answered below
        }
        throw DomainException.badRequest("request.invalid", "月份格式应为 2026-03", List.of("month"));
    }

    public Uni<View> confirmMonth(StaffPrincipal actor, long villageId, String rawMonth, String as) {
        String capacity = capacity(actor, as);
        String month = month(rawMonth).toString();
        return pool.withTransaction(tx -> lockVillage(tx, villageId)
                .flatMap(x -> Sql.exists(tx, "SELECT 1 FROM month_close WHERE village_id = $1 AND month = $2", Sql.args(villageId, month)))
                .flatMap(closed -> {
                    if (!closed) {
                        throw DomainException.conflict("ledger.month-open", "该月尚未核算结账，结账后才能确认签字");
                    }
                    return insert(tx, actor, villageId, "MONTH", month, null, capacity);
                }));
    }

    public Uni<View> confirmDay(StaffPrincipal actor, long dayId, String as) {
        String capacity = capacity(actor, as);
        LocalDate today = time.today();
        return Sql.one(pool, "SELECT village_id, day FROM redemption_day WHERE id = $1", Sql.args(dayId), "该兑换日",
                        r -> Map.entry(r.getLong("village_id"), r.getLocalDate("day")))
                .flatMap(d -> {
                    if (d.getValue().isAfter(today)) {
                        throw DomainException.conflict("ledger.day-not-held", "兑换日还没到，办完后才能确认签字");
                    }
                    return pool.withTransaction(tx -> lockVillage(tx, d.getKey())
                            .flatMap(x -> insert(tx, actor, d.getKey(), "REDEMPTION_DAY", null, dayId, capacity)));
                });
    }

    private Uni<View> insert(SqlClient tx, StaffPrincipal actor, long villageId, String subject, String month, Long dayId,
                             String capacity) {
        String already = subject.equals("MONTH")
                ? "SELECT 1 FROM ledger_confirmation WHERE subject = 'MONTH' AND village_id = $1 AND month = $2 AND capacity = $3"
                : "SELECT 1 FROM ledger_confirmation WHERE subject = 'REDEMPTION_DAY' AND redemption_day_id = $2 AND capacity = $3 AND village_id = $1";
        return Sql.exists(tx, already, Sql.args(villageId, subject.equals("MONTH") ? month : dayId, capacity))
                .flatMap(exists -> {
                    if (exists) {
                        throw DomainException.conflict("ledger.already-confirmed", "这一栏已经有人确认签字");
                    }
                    return Sql.one(tx, """
                                    INSERT INTO ledger_confirmation (village_id, subject, month, redemption_day_id, capacity, staff_id,
                                                                     username, display_name, role)
                                    SELECT $1, $2, $3, $4, $5, s.id, s.username, s.display_name, s.role FROM staff s WHERE s.id = $6
                                    RETURNING""" + " " + LedgerBookSql.CONFIRMATION_COLUMNS,
                            Sql.args(villageId, subject, month, dayId, capacity, actor.staffId()), "该账号",
                            LedgerBookSql::confirmation);
                })
                .call(c -> audit.record(tx, actor, villageId, "ledger.confirm", "ledger_confirmation", c.id(), null, View.of(c)))
                .map(View::of);
    }

    /** Confirmations queue per village, so two signers of one line get one 201 and one 409, never a constraint error. */
    private static Uni<Void> lockVillage(SqlClient tx, long villageId) {
        return Sql.one(tx, "SELECT id FROM village WHERE id = $1 FOR UPDATE", Sql.args(villageId), "该村（社区）",
                r -> r.getLong("id")).replaceWithVoid();
    }
}
