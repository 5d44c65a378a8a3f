package org.jifen.household;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jifen.audit.Audit;
import org.jifen.common.DomainException;
import org.jifen.common.db.Sql;
import org.jifen.common.security.StaffPrincipal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Imports a village's roster in one go: the file is parsed and checked off the event loop, then written
 * with a handful of set-based statements (arrays bound as parameters, unnest on the server) in one
 * transaction, audit rows included (the upsert returns each row's before and after images for {@link Audit#recordAll}).
 * Any row error: nothing is written.
 */
@ApplicationScoped
public class HouseholdImport {

    /** Largest roster file accepted (a 10,000-row CSV is about 600 KB). */
    public static final int MAX_BYTES = 5 * 1024 * 1024;
    private static final String SEP = "\u001f";

    public record Error(int row, String column, String message) {
    }

    public record Result(int created, int updated, List<Error> errors, boolean dryRun, int rows) {
    }

    @Inject
    Pool pool;

    @Inject
    Vertx vertx;

    @Inject
    Audit audit;

    public Uni<Result> run(StaffPrincipal actor, long villageId, byte[] content, String charset, boolean dryRun, String fileName) {
        if (content != null && content.length > MAX_BYTES) {
            return Uni.createFrom().failure(new DomainException(413, "request.too-large", "文件过大",
                    "导入文件最大 " + (MAX_BYTES / 1024 / 1024) + " MB", List.of("file")));
        }
        long start = System.nanoTime();
        return vertx.executeBlocking(Uni.createFrom().item(() -> {
                    Roster.Sheet sheet = RosterFile.read(content, charset);
                    return new Parsed(sheet, Roster.check(sheet));
                }))
                .flatMap(parsed -> {
                    Roster.Checked checked = parsed.checked();
                    int rows = parsed.sheet().rows().size();
                    if (rows == 0) {
                        return Uni.createFrom().failure(new DomainException(400, "household.import-empty", "文件为空",
                                "文件只有表头，没有农户数据", List.of("file")));
                    }
                    if (!checked.errors().isEmpty()) {
                        List<Error> errors = checked.errors().stream().map(e -> new Error(e.row(), e.column(), e.message())).toList();
                        return Uni.createFrom().item(new Result(0, 0, errors, dryRun, rows));
                    }
                    List<Roster.Row> valid = checked.rows();
                    if (dryRun) {
                        return existing(villageId, valid).map(n -> new Result(valid.size() - n, n, List.of(), true, rows));
                    }
                    return pool.withTransaction(conn -> write(conn, actor, villageId, parsed.sheet(), valid, fileName))
                            .invoke(r -> Log.infof("household import: village %d, %d created, %d updated in %d ms",
                                    villageId, r.created(), r.updated(), (System.nanoTime() - start) / 1_000_000));
                });
    }

    private record Parsed(Roster.Sheet sheet, Roster.Checked checked) {
    }

    private Uni<Integer> existing(long villageId, List<Roster.Row> rows) {
        return Sql.first(pool, "SELECT count(*) AS n FROM household WHERE village_id = $1 AND number = ANY ($2)",
                Sql.args(villageId, rows.stream().map(Roster.Row::number).toArray(String[]::new)), r -> r.getLong("n").intValue());
    }

    private Uni<Result> write(SqlConnection conn, StaffPrincipal actor, long villageId, Roster.Sheet sheet,
                              List<Roster.Row> rows, String fileName) {
        int n = rows.size();
        String[] numbers = new String[n];
        String[] heads = new String[n];
        String[] phones = new String[n];
        String[] groups = new String[n];
        String[] tags = new String[n];
        String[] members = new String[n];
        List<String> memberNumbers = new ArrayList<>();
        List<String> memberNames = new ArrayList<>();
        List<String> memberRelations = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Roster.Row r = rows.get(i);
            numbers[i] = r.number();
            heads[i] = r.headName();
            phones[i] = r.phone();
            groups[i] = r.group();
            tags[i] = String.join(SEP, r.tags());
            members[i] = Roster.formatMembers(r.members());
            for (HouseholdService.NewMember m : r.members()) {
                memberNumbers.add(r.number());
                memberNames.add(m.name());
                memberRelations.add(m.relation());
            }
        }
        String upsert = """
                WITH input AS (
                    SELECT * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
                        AS i(number, head_name, phone, group_name, tags, members)
                ), old AS (
                    SELECT h.id, h.number, h.head_name, h.phone, h.group_name, h.status, h.tags,
                           (SELECT string_agg(CASE WHEN coalesce(m.relation, '') = '' THEN m.name
                                                   ELSE m.name || '(' || m.relation || ')' END, ';' ORDER BY m.id)
                            FROM member m WHERE m.household_id = h.id) AS members
                    FROM household h JOIN input i ON h.village_id = $1 AND h.number = i.number
                ), up AS (
                    INSERT INTO household AS h (village_id, number, head_name, phone, group_name, tags, updated_at)
                    SELECT $1, i.number, i.head_name, i.phone, i.group_name,
                           CASE WHEN $8 THEN string_to_array(i.tags, $10) ELSE '{}'::text[] END, now()
                    FROM input i
                    ON CONFLICT (village_id, number) DO UPDATE
                        SET head_name = EXCLUDED.head_name, phone = EXCLUDED.phone, group_name = EXCLUDED.group_name,
                            tags = CASE WHEN $8 THEN EXCLUDED.tags ELSE h.tags END, updated_at = now()
                    RETURNING h.id, h.number, h.head_name, h.phone, h.group_name, h.status, h.tags, (h.xmax = 0) AS inserted
                ), acc AS (
                    INSERT INTO account (household_id, village_id) SELECT id, $1 FROM up WHERE inserted
                    ON CONFLICT DO NOTHING
                )
                SELECT up.id, up.inserted,
                       CASE WHEN old.id IS NULL THEN NULL ELSE jsonb_build_object('number', old.number,
                            'headName', old.head_name, 'phone', old.phone, 'group', old.group_name, 'status', old.status,
                            'tags', to_jsonb(old.tags), 'members', coalesce(old.members, ''))::text END AS before,
                       jsonb_build_object('number', up.number, 'headName', up.head_name, 'phone', up.phone,
                            'group', up.group_name, 'status', up.status, 'tags', to_jsonb(up.tags),
                            'members', CASE WHEN $9 THEN i.members ELSE coalesce(old.members, '') END)::text AS after
                FROM up JOIN input i ON i.number = up.number LEFT JOIN old ON old.id = up.id
                ORDER BY up.id""";
        Tuple params = Sql.args(villageId, numbers, heads, phones, groups, tags, members, sheet.hasTags(), sheet.hasMembers(), SEP);
        return Sql.exec(conn, "SELECT pg_advisory_xact_lock(hashtextextended('household.import:' || $1::bigint::text, 0))",
                        Sql.args(villageId))
                .flatMap(x -> Sql.list(conn, upsert, params, r -> new Audit.Change(
                        r.getBoolean("inserted") ? "import-create" : "import-update", r.getLong("id"),
                        r.getString("before"), r.getString("after"))))
                .flatMap(changes -> {
                    int created = (int) changes.stream().filter(c -> c.action().equals("import-create")).count();
                    int updated = changes.size() - created;
                    Uni<Void> membersDone = !sheet.hasMembers() ? Uni.createFrom().voidItem()
                            : Sql.exec(conn, """
                                            WITH gone AS (
                                                DELETE FROM member WHERE household_id IN
                                                    (SELECT id FROM household WHERE village_id = $1 AND number = ANY ($2))
                                            )
                                            INSERT INTO member (household_id, name, relation)
                                            SELECT h.id, m.name, m.relation
                                            FROM unnest($3::text[], $4::text[], $5::text[]) WITH ORDINALITY AS m(number, name, relation, ord)
                                            JOIN household h ON h.village_id = $1 AND h.number = m.number
                                            ORDER BY m.ord""",
                                    Sql.args(villageId, numbers, memberNumbers.toArray(String[]::new),
                                            memberNames.toArray(String[]::new), memberRelations.toArray(String[]::new)))
                                    .replaceWithVoid();
                    Map<String, Object> summary = new LinkedHashMap<>();
                    summary.put("file", fileName == null ? "" : fileName);
                    summary.put("rows", rows.size());
                    summary.put("created", created);
                    summary.put("updated", updated);
                    return membersDone
                            .flatMap(x -> audit.recordAll(conn, actor.username(), actor.townId(), villageId, "household", changes))
                            .flatMap(x -> audit.record(conn, actor, villageId, "import", "household-roster", null, null, summary))
                            .map(x -> new Result(created, updated, List.of(), false, rows.size()));
                });
    }

    // ---- files kept between the dry run and the confirmation of the import page ----

    public Uni<UUID> keepUpload(StaffPrincipal actor, long villageId, String fileName, String contentType, byte[] content) {
        UUID id = UUID.randomUUID();
        return pool.withTransaction(tx -> Sql.exec(tx, "DELETE FROM household_upload WHERE created_at < now() - interval '1 day'",
                        Sql.args())
                .flatMap(x -> Sql.exec(tx, """
                                INSERT INTO household_upload (id, village_id, staff_id, file_name, content_type, content)
                                VALUES ($1, $2, $3, $4, $5, $6)""",
                        Sql.args(id, villageId, actor.staffId(), fileName == null ? "" : fileName,
                                contentType == null ? "" : contentType, io.vertx.core.buffer.Buffer.buffer(content)))))
                .replaceWith(id);
    }

    public record Upload(String fileName, String contentType, byte[] content) {
    }

    /** The caller's own upload for the village; 404 otherwise (also after it was imported). */
    public Uni<Upload> upload(StaffPrincipal actor, long villageId, UUID id) {
        return Sql.one(pool, """
                        SELECT file_name, content_type, content FROM household_upload
                         WHERE id = $1 AND village_id = $2 AND staff_id = $3""",
                Sql.args(id, villageId, actor.staffId()), "该上传文件（可能已导入或已过期）",
                r -> new Upload(r.getString("file_name"), r.getString("content_type"), r.getBuffer("content").getBytes()));
    }

    public Uni<Void> forgetUpload(UUID id) {
        return Sql.exec(pool, "DELETE FROM household_upload WHERE id = $1", Sql.args(id)).replaceWithVoid();
    }
}
