package org.jifen.ledgerbook;

import io.quarkus.qute.TemplateExtension;
import org.jifen.common.ChinaTime;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/** Times in the ledger: China time to the minute ({@code {c.confirmedAt.ledgerTime}}). */
@TemplateExtension
public final class LedgerFormat {

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private LedgerFormat() {
    }

    public static String ledgerTime(OffsetDateTime t) {
        return t == null ? "" : t.atZoneSameInstant(ChinaTime.ZONE).format(MINUTE);
    }

    public static String ledgerDate(OffsetDateTime t) {
        return t == null ? "" : t.atZoneSameInstant(ChinaTime.ZONE).toLocalDate().toString();
    }
}
