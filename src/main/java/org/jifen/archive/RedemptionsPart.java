package org.jifen.archive;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jifen.common.db.Sql;

import java.io.IOException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

import static org.jifen.common.ChinaTime.ZONE;

/** {@code 3-兑换/}: the year's redemptions (reversals marked), redemption days, and every redemption-day photo. */
@ApplicationScoped
public class RedemptionsPart implements ArchivePart {

    @Inject
    ArchiveDb db;

    @Override
    public int order() {
        return 30;
    }

    @Override
    public void write(ArchiveContext a, ArchiveWriter out) throws IOException {
        var from = a.from().atTime(LocalTime.MIDNIGHT).atZone(ZONE).toOffsetDateTime();
        var to = a.to().atTime(LocalTime.MIDNIGHT).atZone(ZONE).toOffsetDateTime();
        try (ArchiveTable t = new ArchiveTable(out, "3-兑换/兑换记录.xlsx")) {
            t.sheet("兑换记录", "月份", "时间", "编号", "户号", "户主", "商品", "积分", "兑换后可用积分", "经办人", "已冲销", "冲销时间", "冲销人", "冲销原因");
            t.rows(db.list("""
                    SELECT r.id, r.month, r.created_at, h.number, h.head_name, r.total_points, r.available_after, r.actor,
                           r.reversed_at, r.reversed_by, r.reverse_reason,
                           (SELECT string_agg(g.name || '×' || i.quantity, '、' ORDER BY g.name)
                              FROM redemption_item i JOIN goods g ON g.id = i.goods_id WHERE i.redemption_id = r.id) AS goods
                      FROM redemption r JOIN household h ON h.id = r.household_id
                     WHERE r.village_id = $1 AND r.created_at >= $2 AND r.created_at < $3 ORDER BY r.created_at, r.id""",
                    Sql.args(a.villageId(), from, to),
                    r -> new Object[]{r.getString("month"), r.getOffsetDateTime("created_at"), r.getLong("id"), r.getString("number"),
                            r.getString("head_name"), r.getString("goods"), r.getInteger("total_points"), r.getInteger("available_after"),
                            r.getString("actor"), r.getOffsetDateTime("reversed_at") != null, r.getOffsetDateTime("reversed_at"),
                            r.getString("reversed_by"), r.getString("reverse_reason")}));
            t.sheet("兑换日", "日期", "名称", "说明", "照片数", "登记人");
            t.rows(db.list("""
                    SELECT d.day, d.title, d.note, d.created_by, (SELECT count(*) FROM redemption_day_photo p WHERE p.redemption_day_id = d.id) AS photos
                      FROM redemption_day d WHERE d.village_id = $1 AND d.day >= $2 AND d.day < $3 ORDER BY d.day""",
                    Sql.args(a.villageId(), a.from(), a.to()),
                    r -> new Object[]{r.getLocalDate("day"), r.getString("title"), r.getString("note"), r.getLong("photos"),
                            r.getString("created_by")}));
        }
        record Photo(long id, LocalDate day, String type) {
        }
        List<Photo> photos = db.list("""
                SELECT p.id, d.day, p.content_type FROM redemption_day_photo p JOIN redemption_day d ON d.id = p.redemption_day_id
                 WHERE d.village_id = $1 AND d.day >= $2 AND d.day < $3 ORDER BY d.day, p.id""",
                Sql.args(a.villageId(), a.from(), a.to()),
                r -> new Photo(r.getLong("id"), r.getLocalDate("day"), r.getString("content_type")));
        ArchiveNames names = new ArchiveNames();
        for (Photo p : photos) {
            out.put(names.monthly("3-兑换", p.day(), "兑换日", ArchiveNames.extension(p.type())),
                    db.bytes("SELECT data FROM redemption_day_photo WHERE id = $1", p.id()));
        }
    }
}
