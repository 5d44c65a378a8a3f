package org.jifen.demo;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jifen.common.ChinaTime;
import org.jifen.common.db.Sql;
import org.jifen.survey.SurveyRules;

/**
 * Demo needs surveys (走访调研): about half of each village's tagged households visited in the last two months (with a
 * need heard, a goods of the shop and sometimes a goods it lacks), so the others are due; and a few portal wishes.
 * Set-based and deterministic (chosen by household id); runs after the shop's goods.
 */
@ApplicationScoped
public class SurveyDemo implements DemoStep {

    @Inject
    ChinaTime time;

    @Override
    public int order() {
        return 60;
    }

    @Override
    public Uni<Void> load(SqlConnection tx, DemoContext context) {
        Long[] villages = context.villageIds.toArray(Long[]::new);
        String[] tags = SurveyRules.TAGS.toArray(String[]::new);
        return Sql.exec(tx, """
                        INSERT INTO survey_visit (village_id, household_id, visited_on, met_whom, needs_heard, officer)
                        SELECT h.village_id, h.id, $3::date - (h.id % 60)::int,
                               (ARRAY['户主本人', '老人和孙子', '户主和老伴', '孩子的奶奶'])[1 + (h.id % 4)::int],
                               (ARRAY['冬天取暖缺棉被', '想请人每月帮忙代购常用药', '孩子放学后没人辅导作业', '屋顶漏雨，希望帮忙联系修缮',
                                      '老人眼睛花，看不清药盒上的字'])[1 + (h.id % 5)::int],
                               coalesce((SELECT s.username FROM staff s WHERE s.village_id = h.village_id AND s.role = 'OFFICER'
                                          ORDER BY s.id LIMIT 1), 'demo')
                          FROM household h
                         WHERE h.village_id = ANY($1) AND h.status = 'ACTIVE' AND h.tags && $2::text[] AND h.id % 2 = 0""",
                        Sql.args(villages, tags, time.today()))
                .flatMap(x -> Sql.exec(tx, """
                        INSERT INTO survey_visit_goods (visit_id, goods_id, text)
                        SELECT v.id, g.id, NULL::text
                          FROM survey_visit v
                          JOIN LATERAL (SELECT id FROM goods WHERE village_id = v.village_id AND active
                                         ORDER BY id OFFSET (v.household_id % 4) LIMIT 1) g ON true
                         WHERE v.village_id = ANY($1)
                        UNION ALL
                        SELECT v.id, NULL::bigint, (ARRAY['老花镜', '保温杯', '书包文具'])[1 + (v.household_id % 3)::int]
                          FROM survey_visit v WHERE v.village_id = ANY($1) AND v.household_id % 3 = 0""", Sql.args((Object) villages)))
                .flatMap(x -> Sql.exec(tx, """
                        INSERT INTO survey_wish (village_id, household_id, goods_id, text)
                        SELECT h.village_id, h.id, g.id, CASE WHEN g.id IS NULL THEN '老花镜' END
                          FROM household h
                          LEFT JOIN LATERAL (SELECT id FROM goods WHERE village_id = h.village_id AND active
                                              ORDER BY id OFFSET (h.id % 3) LIMIT 1) g ON true
                         WHERE h.village_id = ANY($1) AND h.status = 'ACTIVE' AND h.id % 9 = 0""", Sql.args((Object) villages)))
                .replaceWithVoid();
    }
}
