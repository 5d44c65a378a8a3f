package org.jifen.common;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/** RFC 9457 problem document with jifen's stable {@code code} and the offending request {@code fields}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String code, List<String> fields) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(DomainException e) {
        return new Problem("https://jifen.org/problems/" + e.code(), e.title(), e.status(), e.getMessage(), e.code(), e.fields());
    }
}
