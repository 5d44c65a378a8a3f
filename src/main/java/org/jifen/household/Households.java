package org.jifen.household;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import org.jifen.common.db.Sql;

import java.util.Arrays;
import java.util.List;

/**
 * The SQL of {@code household} and {@code member} rows, one at a time (the roster import writes in sets, in
 * {@link HouseholdImport}). {@code db} is the pool for a read, the transaction's connection for a write.
 */
final class Households {

    private static final String COLUMNS = "id, village_id, number, head_name, phone, group_name, status, card_version, tags, created_at, updated_at";
    private static final String MEMBER_COLUMNS = "id, household_id, name, relation";

    private Households() {
    }

    /** The household, row-locked till the transaction ends (writes to one household wait for each other). 404 if none. */
    static Uni<Household> lock(SqlClient tx, long id) {
        return Sql.one(tx, "SELECT " + COLUMNS + " FROM household WHERE id = $1 FOR UPDATE", Sql.args(id), "该农户", Households::of);
    }

    /** Whether another household of the village ({@code exceptId} aside, if not null) has this number. */
    static Uni<Boolean> numberTaken(SqlClient db, long villageId, String number, Long exceptId) {
        return Sql.exists(db, "SELECT 1 FROM household WHERE village_id = $1 AND number = $2 AND ($3::bigint IS NULL OR id <> $3)",
                Sql.args(villageId, number, exceptId));
    }

    /** A new ACTIVE household with its (empty) account. */
    static Uni<Household> insert(SqlClient tx, long villageId, String number, String headName, String phone, String group,
                                 List<String> tags) {
        return Sql.first(tx, """
                        WITH h AS (
                            INSERT INTO household (village_id, number, head_name, phone, group_name, tags)
                            VALUES ($1, $2, $3, $4, $5, $6) RETURNING\s""" + COLUMNS + """
                        ), a AS (
                            INSERT INTO account (household_id, village_id) SELECT id, village_id FROM h ON CONFLICT DO NOTHING
                        )
                        SELECT * FROM h""",
                Sql.args(villageId, number, headName, phone, group, tags.toArray(String[]::new)), Households::of);
    }

    /** Writes the household's own fields (not status, card version). */
    static Uni<Household> update(SqlClient tx, long id, String number, String headName, String phone, String group,
                                 List<String> tags) {
        return Sql.first(tx, """
                        UPDATE household SET number = $2, head_name = $3, phone = $4, group_name = $5, tags = $6, updated_at = now()
                         WHERE id = $1 RETURNING\s""" + COLUMNS,
                Sql.args(id, number, headName, phone, group, tags.toArray(String[]::new)), Households::of);
    }

    static Uni<Household> setStatus(SqlClient tx, long id, String status) {
        return Sql.first(tx, "UPDATE household SET status = $2, updated_at = now() WHERE id = $1 RETURNING " + COLUMNS,
                Sql.args(id, status), Households::of);
    }

    static Uni<Boolean> hasPostings(SqlClient db, long id) {
        return Sql.exists(db, "SELECT 1 FROM posting WHERE household_id = $1", Sql.args(id));
    }

    /** Deletes a household without postings, with its members, account and (zero) earned points. */
    static Uni<Void> delete(SqlClient tx, long id) {
        return Sql.exec(tx, """
                        WITH e AS (DELETE FROM earned_points WHERE household_id = $1),
                             a AS (DELETE FROM account WHERE household_id = $1),
                             m AS (DELETE FROM member WHERE household_id = $1)
                        DELETE FROM household WHERE id = $1""", Sql.args(id)).replaceWithVoid();
    }

    static Uni<List<Member>> members(SqlClient db, long householdId) {
        return Sql.list(db, "SELECT " + MEMBER_COLUMNS + " FROM member WHERE household_id = $1 ORDER BY id", Sql.args(householdId),
                Households::member);
    }

    /** The member of this household, or 404. */
    static Uni<Member> member(SqlClient db, long householdId, long memberId) {
        return Sql.one(db, "SELECT " + MEMBER_COLUMNS + " FROM member WHERE id = $1 AND household_id = $2",
                Sql.args(memberId, householdId), "该家庭成员", Households::member);
    }

    static Uni<Member> insertMember(SqlClient tx, long householdId, String name, String relation) {
        return Sql.first(tx, "INSERT INTO member (household_id, name, relation) VALUES ($1, $2, $3) RETURNING " + MEMBER_COLUMNS,
                Sql.args(householdId, name, relation), Households::member);
    }

    /** Members in the given order (one statement). */
    static Uni<Void> insertMembers(SqlClient tx, long householdId, List<HouseholdService.NewMember> members) {
        return Sql.exec(tx, """
                        INSERT INTO member (household_id, name, relation)
                        SELECT $1, m.name, m.relation FROM unnest($2::text[], $3::text[]) WITH ORDINALITY AS m(name, relation, ord)
                         ORDER BY m.ord""",
                Sql.args(householdId, members.stream().map(HouseholdService.NewMember::name).toArray(String[]::new),
                        members.stream().map(HouseholdService.NewMember::relation).toArray(String[]::new))).replaceWithVoid();
    }

    static Uni<Member> updateMember(SqlClient tx, long memberId, String name, String relation) {
        return Sql.first(tx, "UPDATE member SET name = $2, relation = $3 WHERE id = $1 RETURNING " + MEMBER_COLUMNS,
                Sql.args(memberId, name, relation), Households::member);
    }

    static Uni<Void> deleteMember(SqlClient tx, long memberId) {
        return Sql.exec(tx, "DELETE FROM member WHERE id = $1", Sql.args(memberId)).replaceWithVoid();
    }

    static Household of(Row r) {
        return new Household(r.getLong("id"), r.getLong("village_id"), r.getString("number"), r.getString("head_name"),
                r.getString("phone"), r.getString("group_name"), r.getString("status"), r.getInteger("card_version"),
                List.copyOf(Arrays.asList(r.getArrayOfStrings("tags"))), r.getOffsetDateTime("created_at"),
                r.getOffsetDateTime("updated_at"));
    }

    private static Member member(Row r) {
        return new Member(r.getLong("id"), r.getLong("household_id"), r.getString("name"), r.getString("relation"));
    }
}
