package org.jifen.villagerating;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jifen.common.ChinaTime;
import org.jifen.common.pdf.PdfRenderer;

/** The printable village ratings (文明信用村评定表), rendered off the event loop by {@link PdfRenderer}. */
@ApplicationScoped
public class VillageRatingPdf {

    @Inject
    @Location("villagerating/report.html")
    Template template;

    @Inject
    PdfRenderer pdf;

    @Inject
    ChinaTime time;

    public Uni<byte[]> render(String townName, VillageRatings.YearView y) {
        String html = template.data("townName", townName).data("y", y).data("measures", VillageRatingRule.Measure.values())
                .data("printedOn", time.today().toString()).render();
        return pdf.render(html);
    }
}
