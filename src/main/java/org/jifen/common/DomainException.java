package org.jifen.common;

import java.util.List;

/**
 * The one business error of jifen: a stable {@code code} clients switch on, an HTTP status and a
 * Chinese message for people. Mapped once to {@code application/problem+json} by {@link ProblemMapper}.
 */
@io.quarkus.qute.TemplateData
public class DomainException extends RuntimeException {

    private final int status;
    private final String code;
    private final String title;
    private final List<String> fields;

    public DomainException(int status, String code, String title, String detail, List<String> fields) {
        super(detail == null ? title : detail, null, false, false);
        this.status = status;
        this.code = code;
        this.title = title;
        this.fields = fields == null ? List.of() : List.copyOf(fields);
    }

    public DomainException(int status, String code, String title, String detail) {
        this(status, code, title, detail, null);
    }

    public DomainException(int status, String code, String title) {
        this(status, code, title, title, null);
    }

    public static DomainException notFound(String what) {
        return new DomainException(404, "not-found", "未找到", "未找到" + what);
    }

    public static DomainException badRequest(String code, String title, List<String> fields) {
        return new DomainException(400, code, title, title, fields);
    }

    public static DomainException conflict(String code, String title) {
        return new DomainException(409, code, title);
    }

    public static DomainException forbidden() {
        return new DomainException(403, "auth.forbidden", "无权操作", "您没有权限访问或操作该数据");
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String title() {
        return title;
    }

    public List<String> fields() {
        return fields;
    }
}
