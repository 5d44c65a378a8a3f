package org.jifen.household;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.annotation.security.RolesAllowed;
import org.jifen.common.security.Roles;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jifen.common.DomainException;
import org.jifen.common.security.Access;
import org.jifen.town.VillageService;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;


@Path("/api")
public class HouseholdResource {

    static final String PHONE_REGEX = "1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8}";
    static final String PHONE_MESSAGE = "请输入有效的手机号或座机号";

    public record MemberRequest(@NotBlank @Size(max = 64) String name, @Size(max = 16) String relation) {
    }

    public record HouseholdRequest(@NotBlank @Size(max = 32) String number,
                                   @NotBlank @Size(max = 64) String headName,
                                   @Pattern(regexp = PHONE_REGEX, message = PHONE_MESSAGE) String phone,
                                   @Size(max = 32) String group,
                                   @Valid @Size(max = 30) List<MemberRequest> members,
                                   @Size(max = 10) List<@NotBlank @Size(max = 16) String> tags) {
    }

    /** Edit of a household's own fields; {@code tags} omitted keeps them. Members have their own calls. */
    public record HouseholdUpdate(@NotBlank @Size(max = 32) String number,
                                  @NotBlank @Size(max = 64) String headName,
                                  @Pattern(regexp = PHONE_REGEX, message = PHONE_MESSAGE) String phone,
                                  @Size(max = 32) String group,
                                  @Size(max = 10) List<@NotBlank @Size(max = 16) String> tags) {
    }

    public record TagsRequest(@NotNull @Size(max = 10) List<@NotBlank @Size(max = 16) String> tags) {
    }

    public record StatusRequest(@NotNull @Pattern(regexp = "MOVED_OUT|ARCHIVED|ACTIVE") String status,
                                @Size(max = 500) String reason) {
    }

    public record MemberView(long id, String name, String relation) {
        static MemberView of(Member m) {
            return new MemberView(m.id(), m.name(), m.relation());
        }
    }

    public record HouseholdView(long id, long villageId, String number, String headName, String group, String phone,
                                String status, List<String> tags, int availablePoints, int earnedThisYear, int cardVersion,
                                List<MemberView> members) {
        static HouseholdView of(HouseholdService.HouseholdDetail d, List<Member> members) {
            Household h = d.household();
            return new HouseholdView(h.id(), h.villageId(), h.number(), h.headName(), h.group(), h.phone(), h.status(),
                    h.tags(), d.availablePoints(), d.earnedThisYear(), h.cardVersion(),
                    members.stream().map(MemberView::of).toList());
        }
    }

    static final Set<String> IMPORT_TYPES = Set.of("text/csv", "text/plain", "application/csv", "text/comma-separated-values",
            RosterFile.XLSX, "application/vnd.ms-excel", "application/octet-stream");

    @Inject
    HouseholdService households;

    @Inject
    HouseholdImport imports;

    @Inject
    VillageService villages;

    @Inject
    Access access;

    @Inject
    Vertx vertx;

    @POST
    @Path("/villages/{villageId}/households")
    @RolesAllowed(Roles.RECORD_KEEPERS)
    public Uni<Response> create(@PathParam("villageId") long villageId, @Valid @NotNull HouseholdRequest r) {
        List<HouseholdService.NewMember> members = r.members() == null ? List.of()
                : r.members().stream().map(m -> new HouseholdService.NewMember(m.name().trim(), blankToNull(m.relation()))).toList();
        return access.staff()
                .flatMap(actor -> households.create(actor, villageId, r.number().trim(), r.headName().trim(),
                        blankToNull(r.phone()), blankToNull(r.group()), members, tags(r.tags())))
                .flatMap(h -> view(h.id()))
                .map(v -> Response.status(201).entity(v).build());
    }

    @GET
    @Path("/villages/{villageId}/households")
    @RolesAllowed(Roles.STAFF)
    public Uni<HouseholdService.Page<HouseholdService.ListItem>> search(@PathParam("villageId") long villageId,
                                                                       @QueryParam("q") String q,
                                                                       @QueryParam("group") String group,
                                                                       @QueryParam("tag") String tag,
                                                                       @QueryParam("status") String status,
                                                                       @QueryParam("page") @DefaultValue("1") @Min(1) @Max(100000) int page,
                                                                       @QueryParam("size") @DefaultValue("20") @Min(1) @Max(200) int size) {
        if (status != null && !status.isBlank() && !Set.of("ACTIVE", "MOVED_OUT", "ARCHIVED").contains(status.trim())) {
            throw new DomainException(400, "request.invalid", "请求内容有误", "status 只能是 ACTIVE、MOVED_OUT 或 ARCHIVED", List.of("status"));
        }
        return households.search(villageId, new HouseholdService.Search(q, group, tag, status, page, size));
    }

    @GET
    @Path("/villages/{villageId}/household-facets")
    @RolesAllowed(Roles.STAFF)
    public Uni<Map<String, List<String>>> facets(@PathParam("villageId") long villageId) {
        return households.facets(villageId);
    }

    @GET
    @Path("/households/{householdId}")
    @RolesAllowed(Roles.STAFF)
    public Uni<HouseholdView> get(@PathParam("householdId") long householdId) {
        return view(householdId);
    }

    @PUT
    @Path("/households/{householdId}")
    @RolesAllowed(Roles.RECORD_KEEPERS)
    public Uni<HouseholdView> update(@PathParam("householdId") long householdId, @Valid @NotNull HouseholdUpdate r) {
        return access.staff()
                .flatMap(actor -> households.update(actor, householdId, r.number().trim(), r.headName().trim(),
                        blankToNull(r.phone()), blankToNull(r.group()), r.tags() == null ? null : tags(r.tags())))
                .flatMap(h -> view(householdId));
    }

    @PUT
    @Path("/households/{householdId}/tags")
    @RolesAllowed(Roles.RECORD_KEEPERS)
    public Uni<HouseholdView> setTags(@PathParam("householdId") long householdId, @Valid @NotNull TagsRequest r) {
        return access.staff().flatMap(actor -> households.setTags(actor, householdId, tags(r.tags())))
                .flatMap(h -> view(householdId));
    }

    @POST
    @Path("/households/{householdId}/archive")
    @RolesAllowed(Roles.RECORD_KEEPERS)
    public Uni<HouseholdView> archive(@PathParam("householdId") long householdId, @Valid @NotNull StatusRequest r) {
        if (!"ACTIVE".equals(r.status()) && (r.reason() == null || r.reason().isBlank())) {
            throw new DomainException(400, "request.invalid", "请填写迁出或归档原因", "reason 不能为空", List.of("reason"));
        }
        return access.staff().flatMap(actor -> households.setStatus(actor, householdId, r.status(), blankToNull(r.reason())))
                .flatMap(h -> view(householdId));
    }

    @DELETE
    @Path("/households/{householdId}")
    @RolesAllowed(Roles.RECORD_KEEPERS)
    public Uni<Response> delete(@PathParam("householdId") long householdId) {
        return access.staff().flatMap(actor -> households.delete(actor, householdId)).map(x -> Response.noContent().build());
    }

    @GET
    @Path("/households/{householdId}/members")
    @RolesAllowed(Roles.STAFF)
    public Uni<List<MemberView>> members(@PathParam("householdId") long householdId) {
        return households.members(householdId).map(l -> l.stream().map(MemberView::of).toList());
    }

    @POST
    @Path("/households/{householdId}/members")
    @RolesAllowed(Roles.RECORD_KEEPERS)
    public Uni<Response> addMember(@PathParam("householdId") long householdId, @Valid @NotNull MemberRequest r) {
        return access.staff().flatMap(actor -> households.addMember(actor, householdId, r.name().trim(), blankToNull(r.relation())))
                .map(m -> Response.status(201).entity(MemberView.of(m)).build());
    }

    @PUT
    @Path("/households/{householdId}/members/{memberId}")
    @RolesAllowed(Roles.RECORD_KEEPERS)
    public Uni<MemberView> updateMember(@PathParam("householdId") long householdId, @PathParam("memberId") long memberId,
                                        @Valid @NotNull MemberRequest r) {
        return access.staff().flatMap(actor -> households.updateMember(actor, householdId, memberId, r.name().trim(),
                blankToNull(r.relation()))).map(MemberView::of);
    }

    @DELETE
    @Path("/households/{householdId}/members/{memberId}")
    @RolesAllowed(Roles.RECORD_KEEPERS)
    public Uni<Response> removeMember(@PathParam("householdId") long householdId, @PathParam("memberId") long memberId) {
        return access.staff().flatMap(actor -> households.removeMember(actor, householdId, memberId))
                .map(x -> Response.noContent().build());
    }

    /** Roster import (CSV or Excel body). Any row error: nothing is written; {@code dryRun=true} never writes. */
    @POST
    @Path("/villages/{villageId}/households/import")
    @RolesAllowed(Roles.RECORD_KEEPERS)
    @Consumes(MediaType.WILDCARD)
    public Uni<HouseholdImport.Result> importRoster(@PathParam("villageId") long villageId, @QueryParam("dryRun") String dryRun,
                                                    @HeaderParam("Content-Type") String contentType, byte[] body) {
        MediaType type = mediaType(contentType);
        return access.staff().flatMap(actor -> imports.run(actor, villageId, body, type.getParameters().get("charset"),
                isTrue(dryRun), null));
    }

    @GET
    @Path("/villages/{villageId}/households/export")
    @RolesAllowed(Roles.STAFF)
    public Uni<Response> export(@PathParam("villageId") long villageId, @QueryParam("format") @DefaultValue("csv") String format) {
        String f = format.trim().toLowerCase(Locale.ROOT);
        if (!f.equals("csv") && !f.equals("xlsx")) {
            throw new DomainException(400, "request.invalid", "请求内容有误", "format 只能是 csv 或 xlsx", List.of("format"));
        }
        return villages.get(villageId).flatMap(village -> households.roster(villageId)
                .flatMap(lines -> vertx.executeBlocking(Uni.createFrom().item(() ->
                        f.equals("csv") ? RosterFile.writeCsv(lines) : RosterFile.writeXlsx(lines))))
                .map(bytes -> {
                    String name = village.name() + "农户名册." + f;
                    return Response.ok(bytes)
                            .type(f.equals("csv") ? "text/csv; charset=UTF-8" : RosterFile.XLSX)
                            .header("Content-Disposition", "attachment; filename=\"households." + f + "\"; filename*=UTF-8''"
                                    + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20"))
                            .build();
                }));
    }

    /** 415 for anything but CSV or Excel; checked after the scope check, as the body is. */
    static MediaType mediaType(String contentType) {
        MediaType type;
        try {
            type = contentType == null ? null : MediaType.valueOf(contentType);
        } catch (IllegalArgumentException e) {
            type = null;
        }
        if (type == null || !IMPORT_TYPES.contains((type.getType() + "/" + type.getSubtype()).toLowerCase(Locale.ROOT))) {
            throw new DomainException(415, "request.unsupported-media-type", "不支持的文件类型",
                    "请上传 CSV（text/csv）或 Excel（.xlsx）文件", List.of("file"));
        }
        return type;
    }

    static boolean isTrue(String flag) {
        return flag != null && Set.of("true", "1", "yes", "on").contains(flag.trim().toLowerCase(Locale.ROOT));
    }

    private Uni<HouseholdView> view(long householdId) {
        return households.detail(householdId)
                .flatMap(d -> households.members(householdId).map(m -> HouseholdView.of(d, m)));
    }

    static List<String> tags(List<String> tags) {
        return tags == null ? List.of() : tags.stream().map(String::trim).filter(t -> !t.isEmpty()).distinct().toList();
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
