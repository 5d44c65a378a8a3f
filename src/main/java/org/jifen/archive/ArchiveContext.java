package org.jifen.archive;

import java.time.LocalDate;

/** The village and year an archive is built for. */
public record ArchiveContext(long villageId, long townId, String villageName, int year) {

    public LocalDate from() {
        return LocalDate.of(year, 1, 1);
    }

    /** The first day after the year. */
    public LocalDate to() {
        return LocalDate.of(year + 1, 1, 1);
    }
}
