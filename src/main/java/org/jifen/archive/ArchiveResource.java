package org.jifen.archive;

import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.jifen.common.DomainException;
import org.jifen.common.db.Sql;
import org.jifen.common.security.Roles;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code GET /api/villages/{villageId}/years/{year}/archive.zip}: the yearly audit archive as one zip, streamed.
 * The method runs on a worker thread ({@code @Blocking}) and hands quarkus-rest a {@link StreamingOutput}, which
 * writes straight into the HTTP response (chunked); the response stream blocks that worker thread whenever the
 * client reads slower than the zip is made, so neither the zip nor a year's photos are ever held in memory.
 */
@Path("/api")
public class ArchiveResource {

    @Inject
    ArchiveBuilder builder;

    @Inject
    ArchiveDb db;

    @GET
    @Path("/villages/{villageId}/years/{year}/archive.zip")
    @RolesAllowed(Roles.ARCHIVE_READERS)
    @Blocking
    public Response archive(@PathParam("villageId") long villageId, @PathParam("year") int year) {
        if (year < 2000 || year > 2100) {
            throw DomainException.badRequest("request.invalid", "年份有误", List.of("year"));
        }
        ArchiveContext archive = db.first("SELECT id, town_id, name FROM village WHERE id = $1", Sql.args(villageId),
                r -> new ArchiveContext(r.getLong("id"), r.getLong("town_id"), r.getString("name"), year));
        if (archive == null) {
            throw DomainException.notFound("该村（社区）");
        }
        String name = archive.villageName() + "-" + year + "-年度档案.zip";
        StreamingOutput body = out -> {
            try {
                builder.write(archive, out);
            } catch (RuntimeException | java.io.IOException e) {
                // the status line is sent already: the client gets a cut zip, which no unzip accepts
                Log.errorf(e, "archive of village %d year %d failed", villageId, year);
                throw e;
            }
        };
        return Response.ok(body, "application/zip")
                .header("Content-Disposition", "attachment; filename=\"archive-" + villageId + "-" + year
                        + ".zip\"; filename*=UTF-8''" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20"))
                .header("Cache-Control", "no-store")
                .build();
    }
}
