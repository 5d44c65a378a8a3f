package org.jifen.household;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import org.jifen.audit.Audit;
import org.jifen.common.ChinaTime;
import org.jifen.common.DomainException;
import org.jifen.common.security.StaffPrincipal;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    @WithTransaction
    public Uni<Household> create(StaffPrincipal actor, long villageId, String number, String headName, String phone,
                                 String group, List<NewMember> members) {
        return create(actor, villageId, number, headName, phone, group, members, List.of());
    }

    @WithTransaction
    public Uni<Household> create(StaffPrincipal actor, long villageId, String number, String headName, String phone,
                                 String group, List<NewMember> members, List<String> tags) {
        return requireFreeNumber(villageId, number, null).flatMap(x -> {
            Household h = new Household();
            h.villageId = villageId;
            h.number = number;
            h.headName = headName;
            h.phone = phone;
            h.group = group;
            h.tags = tags == null ? new String[0] : tags.toArray(String[]::new);
            h.updatedAt = OffsetDateTime.now();
            return h.<Household>persist()
                    .call(saved -> Panache.getSession().flatMap(s -> s.createNativeQuery(
                                    "INSERT INTO account (household_id, village_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING")
                            .setParameter(1, saved.id).setParameter(2, villageId).executeUpdate()))
                    .onFailure(HouseholdService::isUniqueViolation).transform(e -> duplicateNumber(number))
                    .call(saved -> persistMembers(saved.id, members))
                    .call(saved -> audit.record(actor.username(), actor.townId(), villageId, "create", "household", saved.id, null,
                            snapshot(saved, members)));
        });
    }

    private Uni<Void> requireFreeNumber(long villageId, String number, Long exceptId) {
        Uni<Long> count = exceptId == null
                ? Household.count("villageId = ?1 and number = ?2", villageId, number)
                : Household.count("villageId = ?1 and number = ?2 and id <> ?3", villageId, number, exceptId);
        return count.flatMap(n -> n > 0
                ? Uni.createFrom().failure(duplicateNumber(number))
                : Uni.createFrom().voidItem());
    }

    /** A concurrent write took the number between our check and our write: same answer as the check. */
    static boolean isUniqueViolation(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof org.hibernate.exception.ConstraintViolationException cve && "23505".equals(cve.getSQLState())) {
                return true;
            }
            if (c instanceof io.vertx.pgclient.PgException pg && "23505".equals(pg.getSqlState())) {
                return true;
            }
            if (c instanceof java.sql.SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    static DomainException duplicateNumber(String number) {
        return new DomainException(409, "household.duplicate-number", "户号已存在", "本村已有户号 " + number, List.of("number"));
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

    /** Changes the household's own fields; {@code tags} null keeps them. A new number must stay unique in the village. */
    @WithTransaction
    public Uni<Household> update(StaffPrincipal actor, long householdId, String number, String headName, String phone,
                                 String group, List<String> tags) {
        return lock(householdId).flatMap(h -> requireFreeNumber(h.villageId, number, h.id).flatMap(x -> {
            Map<String, Object> before = snapshot(h, null);
            h.number = number;
            h.headName = headName;
            h.phone = phone;
            h.group = group;
            if (tags != null) {
                h.tags = tags.toArray(String[]::new);
            }
            h.updatedAt = OffsetDateTime.now();
            return Panache.getSession().flatMap(s -> s.flush())
                    .onFailure(HouseholdService::isUniqueViolation).transform(e -> duplicateNumber(number))
                    .flatMap(y -> audit.record(actor.username(), actor.townId(), h.villageId, "update", "household", h.id, before,
                            snapshot(h, null)))
                    .replaceWith(h);
        }));
    }

    @WithTransaction
    public Uni<Household> setTags(StaffPrincipal actor, long householdId, List<String> tags) {
        return lock(householdId).flatMap(h -> {
            Map<String, Object> before = Map.of("tags", List.of(h.tags));
            h.tags = tags.toArray(String[]::new);
            h.updatedAt = OffsetDateTime.now();
            return audit.record(actor.username(), actor.townId(), h.villageId, "tags", "household", h.id, before,
                    Map.of("tags", tags)).replaceWith(h);
        });
    }

    /** Moves out, archives or (status ACTIVE) reactivates a household. Its postings stay. */
    @WithTransaction
    public Uni<Household> setStatus(StaffPrincipal actor, long householdId, String status, String reason) {
        return lock(householdId).flatMap(h -> {
            Map<String, Object> before = Map.of("status", h.status);
            h.status = status;
            h.updatedAt = OffsetDateTime.now();
            String action = switch (status) {
                case "MOVED_OUT" -> "move-out";
                case "ARCHIVED" -> "archive";
                default -> "reactivate";
            };
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("status", status);
            after.put("reason", reason);
            return audit.record(actor.username(), actor.townId(), h.villageId, action, "household", h.id, before, after)
                    .replaceWith(h);
        });
    }

    /** Deletes a household entered by mistake; one with postings is refused (move it out or archive it instead). */
    @WithTransaction
    public Uni<Void> delete(StaffPrincipal actor, long householdId) {
        return lock(householdId).flatMap(h -> Panache.getSession().flatMap(s -> s.createNativeQuery(
                                "SELECT count(*) FROM posting WHERE household_id = ?1", Long.class)
                        .setParameter(1, householdId).getSingleResult())
                .flatMap(n -> {
                    if (n > 0) {
                        return Uni.createFrom().failure(new DomainException(409, "household.has-postings",
                                "该农户已有积分记录，不能删除", "已有积分记录的农户只能办理迁出或归档"));
                    }
                    return Member.<Member>list("householdId = ?1 order by id", householdId).flatMap(members -> {
                        Map<String, Object> before = snapshot(h, members.stream().map(m -> new NewMember(m.name, m.relation)).toList());
                        return Panache.getSession().flatMap(s -> s.createNativeQuery("""
                                        WITH e AS (DELETE FROM earned_points WHERE household_id = ?1),
                                             a AS (DELETE FROM account WHERE household_id = ?1),
                                             m AS (DELETE FROM member WHERE household_id = ?1)
                                        DELETE FROM household WHERE id = ?1""")
                                        .setParameter(1, householdId).executeUpdate())
                                .call(x -> audit.record(actor.username(), actor.townId(), h.villageId, "delete", "household",
                                        householdId, before, null))
                                .replaceWithVoid();
                    });
                }));
    }

    @WithTransaction
    public Uni<Member> addMember(StaffPrincipal actor, long householdId, String name, String relation) {
        return lock(householdId).flatMap(h -> {
            Member m = new Member();
            m.householdId = householdId;
            m.name = name;
            m.relation = relation;
            return m.<Member>persist().call(saved -> audit.record(actor.username(), actor.townId(), h.villageId, "create", "member",
                    saved.id, null, memberSnapshot(saved)));
        });
    }

    @WithTransaction
    public Uni<Member> updateMember(StaffPrincipal actor, long householdId, long memberId, String name, String relation) {
        return lock(householdId).flatMap(h -> member(householdId, memberId).flatMap(m -> {
            Map<String, Object> before = memberSnapshot(m);
            m.name = name;
            m.relation = relation;
            return audit.record(actor.username(), actor.townId(), h.villageId, "update", "member", m.id, before, memberSnapshot(m))
                    .replaceWith(m);
        }));
    }

    @WithTransaction
    public Uni<Void> removeMember(StaffPrincipal actor, long householdId, long memberId) {
        return lock(householdId).flatMap(h -> member(householdId, memberId).flatMap(m -> {
            Map<String, Object> before = memberSnapshot(m);
            return m.delete().call(() -> audit.record(actor.username(), actor.townId(), h.villageId, "delete", "member", memberId,
                    before, null));
        }));
    }

    private Uni<Member> member(long householdId, long memberId) {
        return Member.<Member>findById(memberId).map(m -> {
            if (m == null || m.householdId != householdId) {
                throw DomainException.notFound("该家庭成员");
            }
            return m;
        });
    }

    /** Row lock on the household: writes to one household are serialized, never fail on each other. */
    private Uni<Household> lock(long householdId) {
        return Household.<Household>findById(householdId, LockModeType.PESSIMISTIC_WRITE)
                .onItem().ifNull().failWith(() -> DomainException.notFound("该农户"));
    }

    static Map<String, Object> snapshot(Household h, List<NewMember> members) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("number", h.number);
        m.put("headName", h.headName);
        m.put("phone", h.phone);
        m.put("group", h.group);
        m.put("status", h.status);
        m.put("tags", h.tags == null ? List.of() : Arrays.asList(h.tags));
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
        map.put("householdId", m.householdId);
        map.put("name", m.name);
        map.put("relation", m.relation);
        return map;
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
        Tuple filter = Tuple.of(villageId, like, blankToNull(search.group()), blankToNull(search.tag()), blankToNull(search.status()));
        int size = search.size();
        int offset = (search.page() - 1) * size;
        Uni<Long> total = pool.preparedQuery("SELECT count(*) " + where).execute(filter)
                .map(rows -> rows.iterator().next().getLong(0));
        Uni<List<ListItem>> items = pool.preparedQuery("""
                        SELECT h.id, h.number, h.head_name, h.phone, h.group_name, h.status, h.tags,
                               coalesce(a.available, 0) AS available,
                               (SELECT count(*) FROM member m WHERE m.household_id = h.id) AS members
                        """ + where.replace("FROM household h", "FROM household h LEFT JOIN account a ON a.household_id = h.id") + """

                        ORDER BY length(h.number), h.number, h.id
                        LIMIT %d OFFSET %d""".formatted(size, offset))
                .execute(filter)
                .map(rows -> {
                    List<ListItem> list = new ArrayList<>();
                    for (Row r : rows) {
                        list.add(new ListItem(r.getLong("id"), r.getString("number"), r.getString("head_name"),
                                r.getString("phone"), r.getString("group_name"), r.getString("status"),
                                Arrays.asList(r.getArrayOfStrings("tags")), r.getInteger("available"),
                                r.getLong("members").intValue()));
                    }
                    return list;
                });
        return Uni.combine().all().unis(items, total).asTuple()
                .map(t -> new Page<>(t.getItem1(), t.getItem2(), search.page(), size));
    }

    /** Groups and tags in use in the village (for filters), suggested tags first. */
    public Uni<Map<String, List<String>>> facets(long villageId) {
        return pool.preparedQuery("""
                        SELECT 'group' AS kind, g AS value FROM (SELECT DISTINCT group_name AS g FROM household
                                WHERE village_id = $1 AND group_name IS NOT NULL) x
                        UNION ALL
                        SELECT 'tag', t FROM (SELECT DISTINCT unnest(tags) AS t FROM household WHERE village_id = $1) y""")
                .execute(Tuple.of(villageId))
                .map(rows -> {
                    List<String> groups = new ArrayList<>();
                    List<String> tags = new ArrayList<>(SUGGESTED_TAGS);
                    for (Row r : rows) {
                        String v = r.getString("value");
                        if ("group".equals(r.getString("kind"))) {
                            groups.add(v);
                        } else if (!tags.contains(v)) {
                            tags.add(v);
                        }
                    }
                    groups.sort(GroupOrder.COMPARATOR);
                    return Map.of("groups", groups, "tags", tags);
                });
    }

    /** Every household of the village for export, ordered like the list. */
    public Uni<List<RosterFile.Line>> roster(long villageId) {
        return pool.preparedQuery("""
                        SELECT h.number, h.head_name, h.phone, h.group_name, h.tags,
                               coalesce((SELECT string_agg(CASE WHEN m.relation IS NULL OR m.relation = '' THEN m.name
                                                               ELSE m.name || '(' || m.relation || ')' END, ';' ORDER BY m.id)
                                         FROM member m WHERE m.household_id = h.id), '') AS members
                        FROM household h WHERE h.village_id = $1
                        ORDER BY length(h.number), h.number, h.id""")
                .execute(Tuple.of(villageId))
                .map(rows -> {
                    List<RosterFile.Line> lines = new ArrayList<>();
                    for (Row r : rows) {
                        lines.add(new RosterFile.Line(r.getString("number"), r.getString("head_name"), r.getString("phone"),
                                r.getString("group_name"), r.getString("members"),
                                Roster.formatTags(Arrays.asList(r.getArrayOfStrings("tags")))));
                    }
                    return lines;
                });
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
