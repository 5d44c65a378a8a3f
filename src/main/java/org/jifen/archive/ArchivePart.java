package org.jifen.archive;

import java.io.IOException;

/**
 * One part of a village's yearly audit archive (年度审计档案). Every CDI bean implementing it is collected by
 * {@link ArchiveBuilder} and asked, in {@link #order()}, to write its files into the zip. Parts run on a worker
 * thread while the zip streams to the client: they may block (await a query), and should keep at most one photo or
 * one table in memory at a time. The ledger PDF (ledgerbook) and the ratings table (rating) plug in here as parts.
 *
 * <p>Folders by convention: {@code 0-总台账.pdf}, {@code 1-积分/}, {@code 2-公示/}, {@code 3-兑换/}, {@code 4-采购/},
 * {@code 5-资金/}, {@code 6-评定/}; files inside a folder named in date order ({@link ArchiveNames}).
 */
public interface ArchivePart {

    /** Position in the archive: 0 ledger PDF, 10 entries, 20 notices, 30 redemptions, 40 purchases, 50 funds, 60 ratings. */
    int order();

    /** Writes this part's files for {@code archive.villageId()} and {@code archive.year()}. */
    void write(ArchiveContext archive, ArchiveWriter out) throws IOException;
}
