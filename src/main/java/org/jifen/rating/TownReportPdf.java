package org.jifen.rating;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jifen.common.ChinaTime;
import org.jifen.common.pdf.PdfRenderer;
import org.jifen.points.PointsSettingsService;

import java.util.List;

/** The town's printable star report (统一上报至镇农办): a summary per village, then each village's starred households. */
@ApplicationScoped
public class TownReportPdf {

    /** A village's part of the report: its summary and its starred households, as confirmed. */
    public record Block(YearEndRatings.VillageSummary village, List<YearEndRatings.TownRow> rows) {
    }

    @Inject
    @Location("rating/town-report.html")
    Template template;

    @Inject
    PdfRenderer pdf;

    @Inject
    PointsSettingsService settings;

    @Inject
    ChinaTime time;

    public Uni<byte[]> render(YearEndRatings.TownTable t) {
        return settings.town(t.townId()).flatMap(ts -> {
            List<Block> blocks = t.villages().stream().filter(YearEndRatings.VillageSummary::confirmed)
                    .map(v -> new Block(v, t.rows().stream().filter(r -> r.villageId() == v.villageId() && r.confirmedStars() > 0)
                            .sorted((a, b) -> b.confirmedStars() != a.confirmedStars() ? b.confirmedStars() - a.confirmedStars()
                                    : b.yearPoints() - a.yearPoints())
                            .toList()))
                    .toList();
            List<Integer> s = ts.starThresholds();
            String thresholds = "三星 " + s.get(0) + " 分，四星 " + s.get(1) + " 分，五星 " + s.get(2) + " 分";
            String html = template.data("t", t).data("blocks", blocks).data("thresholds", thresholds)
                    .data("printedOn", time.today().toString()).render();
            return pdf.render(html);
        });
    }

}
