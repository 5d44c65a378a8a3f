package org.jifen.ledgerbook;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jifen.archive.ArchiveContext;
import org.jifen.archive.ArchivePart;
import org.jifen.archive.ArchiveWriter;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;

/** {@code 0-总台账.pdf}: the three-in-one ledger at the head of the yearly archive, copied from its temporary file. */
@ApplicationScoped
public class LedgerBookArchivePart implements ArchivePart {

    @Inject
    LedgerBookPdf pdf;

    @Override
    public int order() {
        return 0;
    }

    @Override
    public void write(ArchiveContext archive, ArchiveWriter out) throws IOException {
        try (LedgerBookPdf.Book book = pdf.build(archive.villageId(), archive.year()).await().indefinitely();
             OutputStream file = out.open("0-总台账.pdf")) {
            Files.copy(book.pdf(), file);
        }
    }
}
