package org.jifen.archive;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jifen.common.db.Sql;

import java.io.IOException;
import java.time.LocalDate;
import java.util.List;

/** {@code 1-积分/}: every entry of the year as a table (with status and reviewers), and every entry photo by day. */
@ApplicationScoped
public class EntriesPart implements ArchivePart {

    @Inject
    ArchiveDb db;

    @Override
    public int order() {
        return 10;
    }

    @Override
    public void write(ArchiveContext a, ArchiveWriter out) throws IOException {
        var args = Sql.args(a.villageId(), a.year() + "-01", a.year() + "-12");
        try (ArchiveTable t = new ArchiveTable(out, "1-积分/积分登记明细.xlsx")) {
            t.sheet("积分登记", "月份", "日期", "户号", "户主", "事项编码", "事项", "数量", "积分", "状态", "登记人", "登记时间", "评议人", "备注", "照片数");
            t.rows(db.list("""
                    SELECT e.month, e.occurred_on, h.number, h.head_name, e.item_code, e.item_title, e.quantity, e.points, e.status,
                           e.recorded_by, e.created_at, e.note,
                           (SELECT string_agg(r.reviewer || (CASE r.decision WHEN 'APPROVE' THEN '（通过）' ELSE '（不通过）' END), '、' ORDER BY r.at)
                              FROM entry_review r WHERE r.entry_id = e.id) AS reviewers,
                           (SELECT count(*) FROM entry_photo p WHERE p.entry_id = e.id) AS photos
                      FROM entry e JOIN household h ON h.id = e.household_id
                     WHERE e.village_id = $1 AND e.month BETWEEN $2 AND $3
                     ORDER BY e.month, e.occurred_on, h.number, e.id""", args,
                    r -> new Object[]{r.getString("month"), r.getLocalDate("occurred_on"), r.getString("number"),
                            r.getString("head_name"), r.getString("item_code"), r.getString("item_title"), r.getInteger("quantity"),
                            r.getInteger("points"), status(r.getString("status")), r.getString("recorded_by"),
                            r.getOffsetDateTime("created_at"), r.getString("reviewers"), r.getString("note"), r.getLong("photos")}));
        }
        record Photo(long id, LocalDate day, String number, String type) {
        }
        List<Photo> photos = db.list("""
                SELECT p.id, e.occurred_on, h.number, p.content_type
                  FROM entry_photo p JOIN entry e ON e.id = p.entry_id JOIN household h ON h.id = e.household_id
                 WHERE e.village_id = $1 AND e.month BETWEEN $2 AND $3
                 ORDER BY e.occurred_on, h.number, e.id, p.id""", args,
                r -> new Photo(r.getLong("id"), r.getLocalDate("occurred_on"), r.getString("number"), r.getString("content_type")));
        ArchiveNames names = new ArchiveNames();
        for (Photo p : photos) {
            out.put(names.monthly("1-积分", p.day(), p.number() + "-登记", ArchiveNames.extension(p.type())),
                    db.bytes("SELECT data FROM entry_photo WHERE id = $1", p.id()));
        }
    }

    static String status(String s) {
        return switch (s) {
            case "APPROVED" -> "已通过";
            case "REJECTED" -> "未通过";
            default -> "待评议";
        };
    }
}
