package org.jifen.shop;

import jakarta.ws.rs.core.Response;
import org.jifen.common.DomainException;

import java.net.URI;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

/** Reads the fields of the shop pages' HTML forms; a bad field is a 400 with a Chinese message naming it. */
final class ShopForm {

    private ShopForm() {
    }

    static DomainException bad(String field, String message) {
        return DomainException.badRequest("request.invalid", message, List.of(field));
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** Trimmed text of 1..max characters. */
    static String required(String raw, int max, String field, String message) {
        if (blank(raw) || raw.trim().length() > max) {
            throw bad(field, message);
        }
        return raw.trim();
    }

    /** Trimmed text of at most max characters, or null when blank. */
    static String optional(String raw, int max, String field, String message) {
        if (blank(raw)) {
            return null;
        }
        if (raw.trim().length() > max) {
            throw bad(field, message);
        }
        return raw.trim();
    }

    /** A whole number within min..max. */
    static int number(String raw, int min, int max, String field, String message) {
        try {
            int n = Integer.parseInt(raw == null ? "" : raw.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw bad(field, message);
    }

    static long id(String raw, String field, String message) {
        try {
            return Long.parseLong(raw == null ? "" : raw.trim());
        } catch (NumberFormatException e) {
            throw bad(field, message);
        }
    }

    /** A date {@code 2026-03-05}, or null when blank. */
    static LocalDate date(String raw, String field, String message) {
        if (blank(raw)) {
            return null;
        }
        try {
            return LocalDate.parse(raw.trim());
        } catch (DateTimeParseException e) {
            throw bad(field, message);
        }
    }

    /** 303 to a page of ours (the path is built by the caller from ids and parsed dates only). */
    static Response seeOther(String path) {
        return Response.seeOther(URI.create(path)).build();
    }
}
