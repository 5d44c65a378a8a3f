package org.jifen.household;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jifen.audit.Audit;
import org.jifen.common.ChinaTime;
import org.jifen.common.DomainException;
import org.jifen.common.db.Sql;
import org.jifen.common.security.StaffPrincipal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

@ApplicationScoped
public class HouseholdService {

    /** A household with its two point figures (available now, earned this China-time year). */
    public record HouseholdDetail(Household household, int availablePoints, int earnedThisYear) {
    }

    public record NewMember(String name, String relation) {
    }

    /** Search criteria of the household list; null or blank means "any". {@code page} starts at 1. */
    public record Search(String q, String group, String tag, String status, int page, int size) {
    }

    public record ListItem(long id, String number, String headName, String phone, String group, String status,
                           List<String> tags, int availablePoints, int memberCount) {
    }

    public record Page<T>(List<T> items, long total, int page, int size) {
        public int pages() {
            return (int) Math.max(1, (total + size - 1) / size);
        }
    }

    /** Groups a village cares for; offered on the pages, any other short tag is accepted too. */
    public static final List<String> SUGGESTED_TAGS = List.of("留守老人", "留守儿童", "困难户", "残疾", "脱贫户", "低保户", "五保户", "军烈属");

    @Inject
    Audit audit;

    @Inject
    ChinaTime time;

    @Inject
    Pool pool;

    public Uni<Household> create(StaffPrincipal actor, long villageId, String number, String headName, String phone,
                                 String group, List<NewMember> members) {
        return create(actor, villageId, number, headName, phone, group, members, List.of());
    }

    public Uni<Household> create(StaffPrincipal actor, long villageId, String number, String headName, String phone,
                                 String group, List<NewMember> members, List<String> tags) {
        List<NewMember> newMembers = members == null ? List.of() : members;
        return pool.withTransaction(tx -> requireFreeNumber(tx, villageId, number, null)
                .flatMap(x -> Households.insert(tx, villageId, number, headName, phone, group, tags == null ? List.of() : tags))
                .onFailure(HouseholdService::isUniqueViolation).transform(e -> duplicateNumber(number))
                .call(h -> newMembers.isEmpty() ? Uni.createFrom().voidItem() : Households.insertMembers(tx, h.id(), newMembers))
                .call(h -> audit.record(tx, actor, villageId, "create", "household", h.id(), null, snapshot(h, newMembers))));
    }

    private static Uni<Void> requireFreeNumber(SqlClient tx, long villageId, String number, Long exceptId) {
        return Households.numberTaken(tx, villageId, number, exceptId).flatMap(taken -> taken
                ? Uni.createFrom().failure(duplicateNumber(number))
                : Uni.createFrom().voidItem());
    }

    /** A concurrent write took the number between our check and our write: same answer as the check. */
    static boolean isUniqueViolation(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof io.vertx.pgclient.PgException pg && "23505".equals(pg.getSqlState())) {
                return true;
            }
        }
        return false;
    }

    static DomainException duplicateNumber(String number) {
        return new DomainException(409, "household.duplicate-number", "户号已存在", "本村已有户号 " + number, List.of("number"));
    }

    /** Changes the household's own fields; {@code tags} null keeps them. A new number must stay unique in the village. */
    public Uni<Household> update(StaffPrincipal actor, long householdId, String number, String headName, String phone,
                                 String group, List<String> tags) {
        return locked(householdId, (tx, h) -> requireFreeNumber(tx, h.villageId(), number, h.id())
                .flatMap(x -> Households.update(tx, h.id(), number, headName, phone, group, tags == null ? h.tags() : tags))
                .onFailure(HouseholdService::isUniqueViolation).transform(e -> duplicateNumber(number))
                .call(after -> audit.record(tx, actor, h.villageId(), "update", "household", h.id(), snapshot(h, null),
                        snapshot(after, null))));
    }

    public Uni<Household> setTags(StaffPrincipal actor, long householdId, List<String> tags) {
        return locked(householdId, (tx, h) -> Households.update(tx, h.id(), h.number(), h.headName(), h.phone(), h.group(), tags)
                .call(after -> audit.record(tx, actor, h.villageId(), "tags", "household", h.id(), Map.of("tags", h.tags()),
                        Map.of("tags", tags))));
    }

    /** Moves out, archives or (status ACTIVE) reactivates a household. Its postings stay. */
    public Uni<Household> setStatus(StaffPrincipal actor, long householdId, String status, String reason) {
        String action = switch (status) {
            case "MOVED_OUT" -> "move-out";
            case "ARCHIVED" -> "archive";
            default -> "reactivate";
        };
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("status", status);
        after.put("reason", reason);
        return locked(householdId, (tx, h) -> Households.setStatus(tx, h.id(), status)
                .call(x -> audit.record(tx, actor, h.villageId(), action, "household", h.id(), Map.of("status", h.status()), after)));
    }

    /** Deletes a household entered by mistake; one with postings is refused (move it out or archive it instead). */
    public Uni<Void> delete(StaffPrincipal actor, long householdId) {
        return locked(householdId, (tx, h) -> Households.hasPostings(tx, householdId)
                .flatMap(has -> has
                        ? Uni.createFrom().<List<Member>>failure(new DomainException(409, "household.has-postings",
                                "该农户已有积分记录，不能删除", "已有积分记录的农户只能办理迁出或归档"))
                        : Households.members(tx, householdId))
                .flatMap(members -> Households.delete(tx, householdId)
                        .call(x -> audit.record(tx, actor, h.villageId(), "delete", "household", householdId,
                                snapshot(h, members.stream().map(m -> new NewMember(m.name(), m.relation())).toList()), null))));
    }

    public Uni<Member> addMember(StaffPrincipal actor, long householdId, String name, String relation) {
        return locked(householdId, (tx, h) -> Households.insertMember(tx, householdId, name, relation)
                .call(m -> audit.record(tx, actor, h.villageId(), "create", "member", m.id(), null, memberSnapshot(m))));
    }

    public Uni<Member> updateMember(StaffPrincipal actor, long householdId, long memberId, String name, String relation) {
        return locked(householdId, (tx, h) -> Households.member(tx, householdId, memberId)
                .flatMap(before -> Households.updateMember(tx, memberId, name, relation)
                        .call(m -> audit.record(tx, actor, h.villageId(), "update", "member", m.id(), memberSnapshot(before),
                                memberSnapshot(m)))));
    }

    public Uni<Void> removeMember(StaffPrincipal actor, long householdId, long memberId) {
        return locked(householdId, (tx, h) -> Households.member(tx, householdId, memberId)
                .flatMap(before -> Households.deleteMember(tx, memberId)
                        .call(x -> audit.record(tx, actor, h.villageId(), "delete", "member", memberId, memberSnapshot(before), null))));
    }

    /** {@code work} in one transaction, on the household row-locked: writes to one household are serialized. 404 if none. */
    private <T> Uni<T> locked(long householdId, BiFunction<SqlConnection, Household, Uni<T>> work) {
        return pool.withTransaction(tx -> Households.lock(tx, householdId).flatMap(h -> work.apply(tx, h)));
    }

    static Map<String, Object> snapshot(Household h, List<NewMember> members) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("number", h.number());
        m.put("headName", h.headName());
        m.put("phone", h.phone());
        m.put("group", h.group());
        m.put("status", h.status());
        m.put("tags", h.tags());
        if (members != null) {
            m.put("members", members.stream().map(x -> {
                Map<String, Object> one = new LinkedHashMap<>();
                one.put("name", x.name());
                one.put("relation", x.relation());
                return one;
            }).toList());
        }
        return m;
    }

    private static Map<String, Object> memberSnapshot(Member m) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("householdId", m.householdId());
        map.put("name", m.name());
        map.put("relation", m.relation());
        return map;
    }

    public Uni<HouseholdDetail> detail(long householdId) {
        return Sql.one(pool, """
                        SELECT h.*, coalesce(a.available, 0) AS available_points, coalesce(e.points, 0) AS earned_this_year
                          FROM household h
                          LEFT JOIN account a ON a.household_id = h.id
                          LEFT JOIN earned_points e ON e.household_id = h.id AND e.period = $2
                         WHERE h.id = $1""",
                Sql.args(householdId, String.valueOf(time.thisYear())), "该农户",
                r -> new HouseholdDetail(Households.of(r), r.getInteger("available_points"), r.getInteger("earned_this_year")));
    }

    public Uni<List<Member>> members(long householdId) {
        return Households.members(pool, householdId);
    }

    /** The village's households matching {@code search}: number, head name or phone contain {@code q}. */
    public Uni<Page<ListItem>> search(long villageId, Search search) {
        String q = blankToNull(search.q());
        String like = q == null ? null : "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        String where = """
                FROM household h
                WHERE h.village_id = $1
                  AND ($2::text IS NULL OR h.number ILIKE $2 OR h.head_name ILIKE $2 OR h.phone ILIKE $2)
                  AND ($3::text IS NULL OR h.group_name = $3)
                  AND ($4::text IS NULL OR $4 = ANY (h.tags))
                  AND ($5::text IS NULL OR h.status = $5)""";
        Tuple filter = Sql.args(villageId, like, blankToNull(search.group()), blankToNull(search.tag()), blankToNull(search.status()));
        int size = search.size();
        int offset = (search.page() - 1) * size;
        Uni<Long> total = Sql.first(pool, "SELECT count(*) AS n " + where, filter, r -> r.getLong("n"));
        Uni<List<ListItem>> items = Sql.list(pool, """
                        SELECT h.id, h.number, h.head_name, h.phone, h.group_name, h.status, h.tags,
                               coalesce(a.available, 0) AS available,
                               (SELECT count(*) FROM member m WHERE m.household_id = h.id) AS members
                        """ + where.replace("FROM household h", "FROM household h LEFT JOIN account a ON a.household_id = h.id") + """

                        ORDER BY length(h.number), h.number, h.id
                        LIMIT %d OFFSET %d""".formatted(size, offset), filter,
                r -> new ListItem(r.getLong("id"), r.getString("number"), r.getString("head_name"), r.getString("phone"),
                        r.getString("group_name"), r.getString("status"), Arrays.asList(r.getArrayOfStrings("tags")),
                        r.getInteger("available"), r.getLong("members").intValue()));
        return Uni.combine().all().unis(items, total).asTuple()
                .map(t -> new Page<>(t.getItem1(), t.getItem2(), search.page(), size));
    }

    /** Groups and tags in use in the village (for filters), suggested tags first. */
    public Uni<Map<String, List<String>>> facets(long villageId) {
        return Sql.list(pool, """
                        SELECT 'group' AS kind, g AS value FROM (SELECT DISTINCT group_name AS g FROM household
                                WHERE village_id = $1 AND group_name IS NOT NULL) x
                        UNION ALL
                        SELECT 'tag', t FROM (SELECT DISTINCT unnest(tags) AS t FROM household WHERE village_id = $1) y""",
                        Sql.args(villageId), r -> Map.entry(r.getString("kind"), r.getString("value")))
                .map(rows -> {
                    List<String> groups = new ArrayList<>();
                    List<String> tags = new ArrayList<>(SUGGESTED_TAGS);
                    for (Map.Entry<String, String> r : rows) {
                        if ("group".equals(r.getKey())) {
                            groups.add(r.getValue());
                        } else if (!tags.contains(r.getValue())) {
                            tags.add(r.getValue());
                        }
                    }
                    groups.sort(GroupOrder.COMPARATOR);
                    return Map.of("groups", groups, "tags", tags);
                });
    }

    /** Every household of the village for export, ordered like the list. */
    public Uni<List<RosterFile.Line>> roster(long villageId) {
        return Sql.list(pool, """
                        SELECT h.number, h.head_name, h.phone, h.group_name, h.tags,
                               coalesce((SELECT string_agg(CASE WHEN m.relation IS NULL OR m.relation = '' THEN m.name
                                                               ELSE m.name || '(' || m.relation || ')' END, ';' ORDER BY m.id)
                                         FROM member m WHERE m.household_id = h.id), '') AS members
                        FROM household h WHERE h.village_id = $1
                        ORDER BY length(h.number), h.number, h.id""", Sql.args(villageId),
                r -> new RosterFile.Line(r.getString("number"), r.getString("head_name"), r.getString("phone"),
                        r.getString("group_name"), r.getString("members"), Roster.formatTags(Arrays.asList(r.getArrayOfStrings("tags")))));
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
