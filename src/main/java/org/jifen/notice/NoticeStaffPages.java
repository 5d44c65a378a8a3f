package org.jifen.notice;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import org.jifen.common.security.Roles;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import org.jifen.common.ChinaTime;
import org.jifen.common.DomainException;
import org.jifen.common.security.Access;
import org.jifen.town.VillageService;

import java.net.URI;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.List;


/**
 * Staff pages of the quarterly notice: the village's notices with a draft form, and one notice with publish,
 * stamp, photo of the posted paper and the objections to answer. Refusals show as the Chinese error page.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class NoticeStaffPages {

    @CheckedTemplate(requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance list(org.jifen.town.Village village, List<NoticeService.Summary> notices, int year, int quarter);

        static native TemplateInstance detail(NoticeService.Detail detail, List<Objection> objections, String publicUrl);
    }

    @Inject
    NoticeService notices;

    @Inject
    ObjectionService objections;

    @Inject
    VillageService villages;

    @Inject
    Access access;

    @Inject
    ChinaTime time;

    @GET
    @Path("villages/{villageId}/notices")
    @RolesAllowed(Roles.POINTS_READERS)
    public Uni<TemplateInstance> list(@PathParam("villageId") long villageId) {
        LocalDate today = time.today();
        int quarter = (today.getMonthValue() + 2) / 3;
        int year = quarter == 1 ? today.getYear() - 1 : today.getYear();
        int last = quarter == 1 ? 4 : quarter - 1;
        return villages.get(villageId).flatMap(v -> notices.list(villageId).map(l -> Templates.list(v, l, year, last)));
    }

    @POST
    @Path("villages/{villageId}/notices")
    @RolesAllowed(Roles.RECORD_KEEPERS)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> draft(@PathParam("villageId") long villageId, @FormParam("year") int year, @FormParam("quarter") int quarter,
                               @FormParam("statisticsDate") String statisticsDate, @FormParam("noticeFrom") String noticeFrom,
                               @FormParam("noticeTo") String noticeTo, @FormParam("signatory") String signatory,
                               @FormParam("contact") String contact) {
        if (quarter < 1 || quarter > 4 || year < 2000 || year > 2100) {
            return Uni.createFrom().failure(DomainException.badRequest("request.invalid", "请填写正确的年份和季度", List.of("year", "quarter")));
        }
        NoticeService.Fields fields = new NoticeService.Fields(date(statisticsDate), date(noticeFrom), date(noticeTo),
                blankToNull(signatory), blankToNull(contact));
        return access.staff().flatMap(actor -> notices.createDraft(actor, villageId, year, quarter, fields))
                .map(d -> seeOther(d.notice().id()));
    }

    @GET
    @Path("staff/notices/{noticeId}")
    @RolesAllowed(Roles.POINTS_READERS)
    public Uni<TemplateInstance> detail(@PathParam("noticeId") long noticeId) {
        return notices.get(noticeId).flatMap(d -> objections.ofNotice(noticeId)
                .map(o -> Templates.detail(d, o, notices.publicUrl(noticeId))));
    }

    @POST
    @Path("staff/notices/{noticeId}/publish")
    @RolesAllowed(Roles.SECRETARIES)
    public Uni<Response> publish(@PathParam("noticeId") long noticeId) {
        return access.staff().flatMap(actor -> notices.publish(actor, noticeId)).map(d -> seeOther(noticeId));
    }

    @POST
    @Path("staff/notices/{noticeId}/stamp")
    @RolesAllowed(Roles.SECRETARIES)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> stamp(@PathParam("noticeId") long noticeId, @FormParam("stampedOn") String stampedOn) {
        LocalDate on = stampedOn == null || stampedOn.isBlank() ? time.today() : date(stampedOn);
        return access.staff().flatMap(actor -> notices.stamp(actor, noticeId, on)).map(d -> seeOther(noticeId));
    }

    @POST
    @Path("staff/notices/{noticeId}/evidence")
    @RolesAllowed(Roles.RECORD_KEEPERS)
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Uni<Response> evidence(@PathParam("noticeId") long noticeId, @RestForm("file") FileUpload file, @RestForm("note") String note) {
        if (file == null || file.size() == 0) {
            return Uni.createFrom().failure(DomainException.badRequest("request.invalid", "请选择张贴现场的照片", List.of("file")));
        }
        return access.staff().flatMap(actor -> Uni.createFrom().item(() -> read(file))
                        .flatMap(bytes -> notices.addPhoto(actor, noticeId, file.contentType(), bytes, blankToNull(note))))
                .map(x -> seeOther(noticeId));
    }

    @POST
    @Path("staff/objections/{objectionId}/answer")
    @RolesAllowed(Roles.RECORD_KEEPERS)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> answer(@PathParam("objectionId") long objectionId, @FormParam("answer") String answer,
                                @FormParam("upheld") String upheld) {
        if (answer == null || answer.isBlank()) {
            return Uni.createFrom().failure(DomainException.badRequest("request.invalid", "请填写答复内容", List.of("answer")));
        }
        return access.staff().flatMap(actor -> objections.answer(actor, objectionId, answer.trim(), "true".equals(upheld), null, null, null))
                .map(o -> seeOther(o.noticeId()));
    }

    private static Response seeOther(long noticeId) {
        return Response.seeOther(URI.create("/staff/notices/" + noticeId)).build();
    }

    private static byte[] read(FileUpload file) {
        try {
            return Files.readAllBytes(file.uploadedFile());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot read the upload", e);
        }
    }

    private static LocalDate date(String s) {
        return s == null || s.isBlank() ? null : LocalDate.parse(s.trim());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
