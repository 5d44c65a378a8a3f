package org.jifen.household;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jifen.audit.Audit;
import org.jifen.common.ChinaTime;
import org.jifen.common.DomainException;
import org.jifen.common.security.StaffPrincipal;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

@ApplicationScoped
public class HouseholdService {

    /** A household with its two point figures (available now, earned this China-time year). */
    public record HouseholdDetail(Household household, int availablePoints, int earnedThisYear) {
    }

    public record NewMember(String name, String relation) {
    }

    @Inject
    Audit audit;

    @Inject
    ChinaTime time;

    @WithTransaction
    public Uni<Household> create(StaffPrincipal actor, long villageId, String number, String headName, String phone,
                                 String group, List<NewMember> members) {
        return Household.count("villageId = ?1 and number = ?2", villageId, number).flatMap(n -> {
            if (n > 0) {
                return Uni.createFrom().failure(new DomainException(409, "household.duplicate-number", "户号已存在",
                        "本村已有户号 " + number, List.of("number")));
            }
            Household h = new Household();
            h.villageId = villageId;
            h.number = number;
            h.headName = headName;
            h.phone = phone;
            h.group = group;
            h.updatedAt = OffsetDateTime.now();
            return h.<Household>persist()
                    .call(saved -> Panache.getSession().flatMap(s -> s.createNativeQuery(
                                    "INSERT INTO account (household_id, village_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING")
                            .setParameter(1, saved.id).setParameter(2, villageId).executeUpdate()))
                    .call(saved -> persistMembers(saved.id, members))
                    .call(saved -> audit.record(actor.username(), actor.townId(), villageId, "create", "household", saved.id, null,
                            Map.of("number", number, "headName", headName, "phone", phone == null ? "" : phone,
                                    "group", group == null ? "" : group)));
        });
    }

    private Uni<Void> persistMembers(long householdId, List<NewMember> members) {
        if (members == null || members.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Member> rows = members.stream().map(m -> {
            Member row = new Member();
            row.householdId = householdId;
            row.name = m.name();
            row.relation = m.relation();
            return row;
        }).toList();
        return Member.persist(rows);
    }

    @WithSession
    public Uni<HouseholdDetail> detail(long householdId) {
        return Household.<Household>findById(householdId)
                .onItem().ifNull().failWith(() -> DomainException.notFound("该农户"))
                .flatMap(h -> Panache.getSession().flatMap(s -> s.createNativeQuery("""
                                SELECT coalesce((SELECT available FROM account WHERE household_id = ?1), 0),
                                       coalesce((SELECT points FROM earned_points WHERE household_id = ?1 AND period = ?2), 0)""",
                                Object[].class)
                        .setParameter(1, householdId).setParameter(2, String.valueOf(time.thisYear()))
                        .getSingleResult())
                        .map(row -> new HouseholdDetail(h, ((Number) row[0]).intValue(), ((Number) row[1]).intValue())));
    }

    @WithSession
    public Uni<List<Member>> members(long householdId) {
        return Member.list("householdId = ?1 order by id", householdId);
    }
}
