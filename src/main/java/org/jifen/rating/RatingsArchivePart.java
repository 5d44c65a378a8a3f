package org.jifen.rating;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jifen.archive.ArchiveContext;
import org.jifen.archive.ArchivePart;
import org.jifen.archive.ArchiveWriter;

import java.io.IOException;

/** {@code 6-评定/}: the village's confirmed star list (as the town's report shows it) and its top households of the year. */
@ApplicationScoped
public class RatingsArchivePart implements ArchivePart {

    @Inject
    YearEndRatings ratings;

    @Override
    public int order() {
        return 60;
    }

    @Override
    public void write(ArchiveContext a, ArchiveWriter out) throws IOException {
        YearEndRatings.TownTable town = ratings.town(a.townId(), a.year()).await().indefinitely();
        YearEndRatings.TownTable village = new YearEndRatings.TownTable(town.townId(), town.townName(), town.year(),
                town.villages().stream().filter(v -> v.villageId() == a.villageId()).toList(),
                town.rows().stream().filter(r -> r.villageId() == a.villageId()).toList(), town.counts(), town.report());
        out.put("6-评定/星级评定.xlsx", RatingFiles.townReport(village));
        out.put("6-评定/评优评先-前10户.xlsx", RatingFiles.top(a.year(), ratings.villageTop(a.villageId(), a.year(), 10).await().indefinitely()));
    }
}
