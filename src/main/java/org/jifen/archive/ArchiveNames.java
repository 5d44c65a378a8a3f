package org.jifen.archive;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/**
 * File names in date order within a folder: {@code 3-兑换/2027-03/2027-03-15-兑换日-01.jpg}. The counter runs per
 * folder, day and label, so a day's photos are numbered 01, 02... Pure.
 */
public final class ArchiveNames {

    private final Map<String, Integer> counters = new HashMap<>();

    /** {@code <folder>/<yyyy-MM>/<yyyy-MM-dd>-<label>-<nn>.<ext>}. */
    public String monthly(String folder, LocalDate day, String label, String extension) {
        String month = day.toString().substring(0, 7);
        return numbered(folder + "/" + month + "/" + day + "-" + safe(label), extension);
    }

    /** {@code <prefix>-<nn>.<ext>}, numbered per prefix. */
    public String numbered(String prefix, String extension) {
        int n = counters.merge(prefix, 1, Integer::sum);
        return prefix + "-" + (n < 10 ? "0" + n : String.valueOf(n)) + "." + extension;
    }

    /** A label safe in a zip path on every system: no separators or characters Windows refuses. */
    public static String safe(String label) {
        String s = label == null ? "" : label.replaceAll("[\\\\/:*?\"<>|\\p{Cntrl}]", "_").trim();
        return s.isEmpty() ? "_" : s.length() > 40 ? s.substring(0, 40) : s;
    }

    public static String extension(String contentType) {
        return switch (contentType == null ? "" : contentType) {
            case "image/jpeg" -> "jpg";
            case "image/png" -> "png";
            case "image/webp" -> "webp";
            case "image/heic" -> "heic";
            case "application/pdf" -> "pdf";
            default -> "bin";
        };
    }
}
