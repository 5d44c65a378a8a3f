package org.jifen.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.quarkus.logging.Log;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.smallrye.mutiny.CompositeException;
import io.vertx.pgclient.PgException;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jifen.common.security.TokenAuthenticationMechanism;

import java.util.ArrayList;
import java.util.List;

/**
 * Maps every failure to {@code application/problem+json} under {@code /api} and to a friendly Chinese page
 * elsewhere. A 5xx is always a bug and is logged with its stack trace; clients never see one.
 */
public class ProblemMapper {

    /** Triggers raise {@code RAISE EXCEPTION 'jifen:<code>'} to refuse a write; see the migrations. */
    static final String DB_CODE_PREFIX = "jifen:";

    @Inject
    @Location("error.html")
    Template errorPage;

    @ServerExceptionMapper(priority = 1)
    public Response map(Throwable failure, UriInfo uri, HttpHeaders headers) {
        DomainException problem = toDomain(unwrap(failure));
        if (problem.status() == 503) {
            Log.warnf("%s %s: %s (%s)", problem.code(), uri.getPath(), problem.title(), rootMessage(failure));
        } else if (problem.status() >= 500) {
            Log.errorf(failure, "unexpected failure on %s", uri.getPath());
        } else {
            Log.infof("%d %s on %s", problem.status(), problem.code(), uri.getPath());
        }
        return render(problem, uri, headers);
    }

    // Specific types, so that they win over the mappers Quarkus registers for them.
    @ServerExceptionMapper(priority = 1)
    public Response validation(jakarta.validation.ValidationException failure, UriInfo uri, HttpHeaders headers) {
        return map(failure, uri, headers);
    }

    @ServerExceptionMapper(priority = 1)
    public Response json(JsonProcessingException failure, UriInfo uri, HttpHeaders headers) {
        return map(failure, uri, headers);
    }

    @ServerExceptionMapper(priority = 1)
    public Response mismatch(com.fasterxml.jackson.databind.exc.MismatchedInputException failure, UriInfo uri, HttpHeaders headers) {
        return map(failure, uri, headers);
    }

    @ServerExceptionMapper(priority = 1)
    public Response web(WebApplicationException failure, UriInfo uri, HttpHeaders headers) {
        return map(failure, uri, headers);
    }

    @ServerExceptionMapper(priority = 1)
    public Response unauthorized(UnauthorizedException failure, UriInfo uri, HttpHeaders headers) {
        return map(failure, uri, headers);
    }

    @ServerExceptionMapper(priority = 1)
    public Response authenticationFailed(AuthenticationFailedException failure, UriInfo uri, HttpHeaders headers) {
        return map(failure, uri, headers);
    }

    @ServerExceptionMapper(priority = 1)
    public Response forbidden(ForbiddenException failure, UriInfo uri, HttpHeaders headers) {
        return map(failure, uri, headers);
    }

    Response render(DomainException problem, UriInfo uri, HttpHeaders headers) {
        Response.ResponseBuilder rb = Response.status(problem.status());
        if (problem.status() == 429) {
            rb.header("Retry-After", "60");
        }
        if (problem.status() == 503) {
            rb.header("Retry-After", "5");
        }
        if (wantsHtml(uri, headers)) {
            if (problem.status() == 401 && isPortal(uri)) {
                // a villager whose session ended (logout elsewhere, card reissued, expired): back to the portal login
                return Response.seeOther(java.net.URI.create("/portal/login"))
                        .cookie(TokenAuthenticationMechanism.clearPortalCookie())
                        .build();
            }
            if (problem.status() == 401) {
                return Response.seeOther(java.net.URI.create("/login?next=" + java.net.URLEncoder.encode(
                        uri.getRequestUri().getRawPath(), java.nio.charset.StandardCharsets.UTF_8))).build();
            }
            return rb.type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                    .entity(errorPage.data("problem", problem).render()).build();
        }
        return rb.type(Problem.MEDIA_TYPE).entity(Problem.of(problem)).build();
    }

    static boolean isPortal(UriInfo uri) {
        String path = uri.getPath();
        return path.equals("/portal") || path.startsWith("/portal/");
    }

    static boolean wantsHtml(UriInfo uri, HttpHeaders headers) {
        String path = uri.getPath();
        if (path.startsWith("/api") || path.startsWith("/q/")) {
            return false;
        }
        List<MediaType> accept = headers.getAcceptableMediaTypes();
        return accept.stream().anyMatch(m -> m.isCompatible(MediaType.TEXT_HTML_TYPE) && !m.isWildcardType());
    }

    static Throwable unwrap(Throwable t) {
        Throwable current = t;
        for (int i = 0; i < 10 && current != null; i++) {
            if (current instanceof CompositeException ce) {
                current = ce.getCauses().get(0);
                continue;
            }
            if (current instanceof DomainException || current instanceof PgException) {
                return current;
            }
            Throwable pg = findCause(current, PgException.class);
            if (pg != null) {
                return pg;
            }
            Throwable domain = findCause(current, DomainException.class);
            if (domain != null) {
                return domain;
            }
            return current;
        }
        return current;
    }

    static Throwable findCause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return c;
            }
        }
        return null;
    }

    static DomainException toDomain(Throwable t) {
        if (t instanceof DomainException de) {
            return de;
        }
        if (DatabaseDown.is(t)) {
            return DatabaseDown.problem();
        }
        if (t instanceof PgException pg) {
            return fromDatabase(pg);
        }
        if (t instanceof UnauthorizedException || t instanceof AuthenticationFailedException) {
            return new DomainException(401, "auth.unauthenticated", "请先登录", "缺少或无效的登录凭证");
        }
        if (t instanceof ForbiddenException) {
            return DomainException.forbidden();
        }
        if (t instanceof ConstraintViolationException cve) {
            List<String> fields = new ArrayList<>();
            StringBuilder detail = new StringBuilder();
            cve.getConstraintViolations().forEach(v -> {
                String[] parts = v.getPropertyPath().toString().split("\\.");
                String field = parts.length > 2 ? String.join(".", java.util.Arrays.copyOfRange(parts, 2, parts.length))
                        : parts[parts.length - 1];
                fields.add(field);
                detail.append(field).append(": ").append(v.getMessage()).append("; ");
            });
            return new DomainException(400, "request.invalid", "请求内容有误", detail.toString(), fields);
        }
        if (t instanceof JsonProcessingException || findCause(t, JsonProcessingException.class) != null) {
            return new DomainException(400, "request.malformed", "请求格式有误", "请求体不是有效的 JSON 或字段类型不正确");
        }
        if (t instanceof WebApplicationException wae) {
            int status = wae.getResponse().getStatus();
            return switch (status) {
                case 400 -> new DomainException(400, "request.malformed", "请求格式有误", "请求参数或请求体有误");
                case 401 -> new DomainException(401, "auth.unauthenticated", "请先登录", "缺少或无效的登录凭证");
                case 403 -> DomainException.forbidden();
                case 404 -> new DomainException(404, "not-found", "未找到", "请求的地址或数据不存在");
                case 405 -> new DomainException(405, "request.method-not-allowed", "不支持的请求方法");
                case 406 -> new DomainException(406, "request.not-acceptable", "不支持的返回格式");
                case 413 -> new DomainException(413, "request.too-large", "请求体过大");
                case 415 -> new DomainException(415, "request.unsupported-media-type", "不支持的内容类型");
                default -> status < 500
                        ? new DomainException(status, "request.invalid", "请求有误", wae.getMessage())
                        : internal();
            };
        }
        if (t instanceof java.io.IOException) {
            // the request body ended early or could not be read (a truncated multipart upload): the client's mistake
            return new DomainException(400, "request.malformed", "请求格式有误", "请求体不完整或无法读取");
        }
        if (t instanceof IllegalArgumentException || t instanceof java.time.DateTimeException) {
            return new DomainException(400, "request.invalid", "请求内容有误", t.getMessage());
        }
        String code = triggerCode(t);
        if (code != null) {
            return DbCodes.problem(code);
        }
        return internal();
    }

    private static final java.util.regex.Pattern TRIGGER_CODE = java.util.regex.Pattern.compile("jifen:([a-z0-9.-]+)");

    /**
     * A trigger's {@code jifen:<code>} that reached us through Hibernate Reactive (which wraps the database
     * error in a JDBC-style exception rather than a {@link PgException}).
     */
    static String triggerCode(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c.getMessage() != null) {
                var m = TRIGGER_CODE.matcher(c.getMessage());
                if (m.find()) {
                    return m.group(1);
                }
            }
        }
        return null;
    }

    static DomainException fromDatabase(PgException pg) {
        String message = pg.getErrorMessage() == null ? "" : pg.getErrorMessage();
        if (message.startsWith(DB_CODE_PREFIX)) {
            String code = message.substring(DB_CODE_PREFIX.length()).trim();
            return DbCodes.problem(code);
        }
        return switch (pg.getSqlState() == null ? "" : pg.getSqlState()) {
            case "23505" -> new DomainException(409, "conflict.duplicate", "数据重复", "该数据已存在");
            case "23514" -> new DomainException(409, "conflict.constraint", "数据不满足约束", message);
            case "23503" -> new DomainException(409, "conflict.reference", "关联数据不存在或仍被使用", message);
            case "22001", "22P02", "22003", "22007", "22008", "22021", "22P05", "54000" -> new DomainException(400, "request.invalid", "请求内容有误", message);
            case "40001", "40P01", "55P03" -> new DomainException(503, "db.busy", "系统繁忙，请重试");
            default -> internal();
        };
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        for (int i = 0; i < 10 && root.getCause() != null && root.getCause() != root; i++) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    static DomainException internal() {
        return new DomainException(500, "internal", "系统内部错误", "系统内部错误，已记录，请联系管理员");
    }
}
