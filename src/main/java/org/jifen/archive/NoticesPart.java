package org.jifen.archive;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jifen.common.db.Sql;

import java.io.IOException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import static org.jifen.common.ChinaTime.ZONE;

/** {@code 2-公示/}: the year's notices (one sheet of notices, one of their rows) and the photos of the posted paper. */
@ApplicationScoped
public class NoticesPart implements ArchivePart {

    @Inject
    ArchiveDb db;

    @Override
    public int order() {
        return 20;
    }

    @Override
    public void write(ArchiveContext a, ArchiveWriter out) throws IOException {
        var args = Sql.args(a.villageId(), a.year());
        try (ArchiveTable t = new ArchiveTable(out, "2-公示/季度公示.xlsx")) {
            t.sheet("公示", "季度", "状态", "统计时间", "公示开始", "公示结束", "签字人", "联系方式", "发布人", "发布时间",
                    "盖章人", "盖章日期", "内容哈希", "照片数", "异议数", "未答复异议");
            t.rows(db.list("""
                    SELECT n.quarter, n.status, n.statistics_date, n.notice_from, n.notice_to, n.signatory, n.contact,
                           n.published_by, n.published_at, n.stamped_by, n.stamped_on, n.content_hash,
                           (SELECT count(*) FROM notice_evidence e WHERE e.notice_id = n.id) AS photos,
                           (SELECT count(*) FROM objection o WHERE o.notice_id = n.id) AS objections,
                           (SELECT count(*) FROM objection o WHERE o.notice_id = n.id AND o.answered_at IS NULL) AS open
                      FROM notice n WHERE n.village_id = $1 AND n.year = $2 ORDER BY n.quarter, n.id""", args,
                    r -> new Object[]{a.year() + "年第" + r.getInteger("quarter") + "季度",
                            "PUBLISHED".equals(r.getString("status")) ? "已发布" : "草稿", r.getLocalDate("statistics_date"),
                            r.getLocalDate("notice_from"), r.getLocalDate("notice_to"), r.getString("signatory"), r.getString("contact"),
                            r.getString("published_by"), r.getOffsetDateTime("published_at"), r.getString("stamped_by"),
                            r.getLocalDate("stamped_on"), r.getString("content_hash"), r.getLong("photos"), r.getLong("objections"),
                            r.getLong("open")}));
            t.sheet("公示明细", "季度", "名次", "户号", "户主", "本季积分", "其中奖励分", "本年积分", "可用积分");
            t.rows(db.list("""
                    SELECT n.quarter, w.rank, w.number, w.head_name, w.quarter_points, w.bonus_points, w.year_points, w.available_points
                      FROM notice n JOIN notice_row w ON w.notice_id = n.id
                     WHERE n.village_id = $1 AND n.year = $2 AND n.status = 'PUBLISHED' ORDER BY n.quarter, w.position""", args,
                    r -> new Object[]{r.getInteger("quarter"), r.getInteger("rank"), r.getString("number"), r.getString("head_name"),
                            r.getInteger("quarter_points"), r.getInteger("bonus_points"), r.getInteger("year_points"),
                            r.getInteger("available_points")}));
        }
        record Photo(long id, int quarter, OffsetDateTime at, String type) {
        }
        List<Photo> photos = db.list("""
                SELECT e.id, n.quarter, e.recorded_at, e.content_type
                  FROM notice_evidence e JOIN notice n ON n.id = e.notice_id
                 WHERE n.village_id = $1 AND n.year = $2 ORDER BY n.quarter, e.recorded_at, e.id""", args,
                r -> new Photo(r.getLong("id"), r.getInteger("quarter"), r.getOffsetDateTime("recorded_at"), r.getString("content_type")));
        ArchiveNames names = new ArchiveNames();
        for (Photo p : photos) {
            LocalDate day = p.at().atZoneSameInstant(ZONE).toLocalDate();
            String folder = "2-公示/" + a.year() + "-Q" + p.quarter();
            out.put(names.numbered(folder + "/" + day + "-公示照片", ArchiveNames.extension(p.type())),
                    db.bytes("SELECT bytes AS data FROM notice_evidence WHERE id = $1", p.id()));
        }
    }
}
