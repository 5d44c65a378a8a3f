package org.jifen.archive;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes the archive's files one after the other into a zip stream, summing each with SHA-256 as it passes, and
 * ends with {@code manifest.sha256}: one {@code <sha256>  <path>} line per file, in the order written (the format
 * {@code sha256sum -c} reads). Nothing is held in memory but the file being written through it.
 */
public final class ArchiveWriter {

    public static final String MANIFEST = "manifest.sha256";

    private final ZipOutputStream zip;
    private final List<String> manifest = new ArrayList<>();
    private final Set<String> names = new HashSet<>();
    private Entry open;

    public ArchiveWriter(OutputStream out) {
        this.zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
    }

    /** Starts a file; write its bytes to the stream returned, then start the next one (closing it is optional). */
    public OutputStream open(String path) throws IOException {
        closeEntry();
        if (path.isBlank() || path.startsWith("/") || path.contains("..") || path.equals(MANIFEST) || !names.add(path)) {
            throw new IllegalArgumentException("bad or repeated archive path: " + path);
        }
        zip.putNextEntry(new ZipEntry(path));
        open = new Entry(path, zip);
        return open.stream;
    }

    /** A whole small file at once. */
    public void put(String path, byte[] data) throws IOException {
        open(path).write(data);
        closeEntry();
    }

    /** Whether a path was written already (parts may pick another name). */
    public boolean has(String path) {
        return names.contains(path);
    }

    /** The manifest lines so far. */
    public List<String> manifest() {
        return List.copyOf(manifest);
    }

    /** Writes the manifest and ends the zip (the underlying stream is closed). */
    public void finish() throws IOException {
        closeEntry();
        zip.putNextEntry(new ZipEntry(MANIFEST));
        StringBuilder text = new StringBuilder();
        manifest.forEach(line -> text.append(line).append('\n'));
        zip.write(text.toString().getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
        zip.close();
    }

    private void closeEntry() throws IOException {
        if (open != null) {
            zip.closeEntry();
            manifest.add(HexFormat.of().formatHex(open.digest.digest()) + "  " + open.path);
            open = null;
        }
    }

    private static final class Entry {
        final String path;
        final MessageDigest digest;
        final OutputStream stream;

        Entry(String path, OutputStream zip) {
            this.path = path;
            try {
                this.digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            // a part (POI, a PDF renderer) may close the stream it was given: that must not close the zip
            this.stream = new DigestOutputStream(new FilterOutputStream(zip) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                }

                @Override
                public void close() throws IOException {
                    flush();
                }
            }, digest);
        }
    }
}
