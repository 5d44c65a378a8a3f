package org.jifen.archive;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Comparator;
import java.util.List;

/** Writes a village's yearly archive: every {@link ArchivePart} in order, then the manifest. Blocking: a worker thread. */
@ApplicationScoped
public class ArchiveBuilder {

    @Inject
    Instance<ArchivePart> parts;

    public List<ArchivePart> parts() {
        return parts.stream().sorted(Comparator.comparingInt(ArchivePart::order)
                .thenComparing(p -> p.getClass().getName())).toList();
    }

    public void write(ArchiveContext archive, OutputStream out) throws IOException {
        long start = System.nanoTime();
        ArchiveWriter writer = new ArchiveWriter(out);
        for (ArchivePart part : parts()) {
            part.write(archive, writer);
        }
        writer.finish();
        Log.infof("archive of village %d year %d: %d files in %d ms", archive.villageId(), archive.year(),
                writer.manifest().size(), (System.nanoTime() - start) / 1_000_000);
    }
}
