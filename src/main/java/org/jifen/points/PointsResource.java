package org.jifen.points;

import io.smallrye.mutiny.Uni;
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
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jifen.common.ChinaTime;
import org.jifen.common.DomainException;
import org.jifen.common.security.Access;
import org.jifen.ledger.LedgerService;

import java.time.LocalDate;
import java.util.List;


/** Catalog, settings, registration, review and month close (API.md "Points"). */
@Path("/api")
public class PointsResource {

    public record ItemRequest(@NotBlank @Pattern(regexp = "[A-Za-z0-9_.-]{1,32}", message = "编码只能含字母、数字、_ . -") String code,
                              @NotBlank @Size(max = 32) String category,
                              @NotBlank @Size(max = 100) String title,
                              @NotNull @Min(-1000) @Max(1000) Integer points,
                              @NotBlank @Size(max = 16) String unit,
                              @Min(1) Integer monthlyCap,
                              Boolean photoRequired,
                              LocalDate validFrom,
                              LocalDate validTo) {
        CatalogService.ItemData data(String code) {
            if (points == 0) {
                throw DomainException.badRequest("request.invalid", "分值不能为 0", List.of("points"));
            }
            if (validFrom != null && validTo != null && validFrom.isAfter(validTo)) {
                throw DomainException.badRequest("request.invalid", "有效期起止日期颠倒", List.of("validFrom", "validTo"));
            }
            return new CatalogService.ItemData(code, category.trim(), title.trim(), points, unit.trim(), monthlyCap,
                    Boolean.TRUE.equals(photoRequired), validFrom, validTo);
        }
    }

    public record ItemUpdate(@NotBlank @Size(max = 32) String category, @NotBlank @Size(max = 100) String title,
                             @NotNull @Min(-1000) @Max(1000) Integer points, @NotBlank @Size(max = 16) String unit,
                             @Min(1) Integer monthlyCap, Boolean photoRequired, LocalDate validFrom, LocalDate validTo) {
    }

    public record OverrideRequest(Boolean enabled, @Min(-1000) @Max(1000) Integer points) {
    }

    public record TownSettingsRequest(@NotNull @Size(max = 50) List<Integer> bonusScheme, @NotNull @Size(min = 3, max = 3) List<Integer> starThresholds) {
    }

    public record VillageSettingsRequest(@Min(1) @Max(28) Integer registrationDay, Boolean twoApprovals) {
    }

    public record EntryRequest(@NotNull Long householdId, @NotBlank @Size(max = 32) String itemCode,
                               @Min(1) @Max(1000) Integer quantity, LocalDate occurredOn, @Size(max = 500) String note) {
    }

    public record EntryCreated(long id, int points, String status, String month, long householdId, String itemCode,
                               int quantity, int unitPoints, String occurredOn) {
    }

    public record ReviewRequest(@NotNull @Pattern(regexp = "APPROVE|REJECT") String decision, @Size(max = 500) String note) {
    }

    @Inject
    Access access;

    @Inject
    CatalogService catalog;

    @Inject
    PointsSettingsService settings;

    @Inject
    EntryService entries;

    @Inject
    MonthCloseService closes;

    @Inject
    PointsConfig config;

    @Inject
    ChinaTime time;

    // ---- catalog -----------------------------------------------------------------------------------

    @POST
    @Path("/catalog")
    @RolesAllowed(Roles.TOWN_ADMINS)
    public Uni<Response> createTownItem(@Valid @NotNull ItemRequest r) {
        return access.staff().flatMap(a -> catalog.createTownItem(a, r.data(r.code().trim())))
                .map(item -> Response.status(201).entity(item).build());
    }

    @GET
    @Path("/catalog")
    @RolesAllowed(Roles.TOWN_READERS)
    public Uni<List<CatalogService.Item>> townCatalog() {
        return access.staff().flatMap(a -> catalog.town(a.townId()));
    }

    @PUT
    @Path("/catalog/{code}")
    @RolesAllowed(Roles.TOWN_ADMINS)
    public Uni<CatalogService.Item> updateTownItem(@PathParam("code") String code, @Valid @NotNull ItemUpdate r) {
        ItemRequest req = new ItemRequest(code, r.category(), r.title(), r.points(), r.unit(), r.monthlyCap(), r.photoRequired(),
                r.validFrom(), r.validTo());
        return access.staff().flatMap(a -> catalog.updateTownItem(a, code, req.data(code)));
    }

    @GET
    @Path("/villages/{villageId}/catalog")
    @RolesAllowed(Roles.STAFF)
    public Uni<List<CatalogService.Item>> villageCatalog(@PathParam("villageId") long villageId, @QueryParam("all") boolean all) {
        return catalog.effective(villageId, all);
    }

    @POST
    @Path("/villages/{villageId}/catalog")
    @RolesAllowed(Roles.SECRETARIES)
    public Uni<Response> createVillageItem(@PathParam("villageId") long villageId, @Valid @NotNull ItemRequest r) {
        return access.staff().flatMap(a -> catalog.createVillageItem(a, villageId, r.data(r.code().trim())))
                .map(item -> Response.status(201).entity(item).build());
    }

    @PUT
    @Path("/villages/{villageId}/catalog/{code}")
    @RolesAllowed(Roles.SECRETARIES)
    public Uni<CatalogService.Item> override(@PathParam("villageId") long villageId, @PathParam("code") String code,
                                             @Valid @NotNull OverrideRequest r) {
        return access.staff().flatMap(a -> catalog.override(a, villageId, code, !Boolean.FALSE.equals(r.enabled()), r.points()));
    }

    // ---- settings ----------------------------------------------------------------------------------

    @GET
    @Path("/town/points-settings")
    @RolesAllowed(Roles.TOWN_READERS)
    public Uni<PointsSettingsService.TownSettings> townSettings() {
        return access.staff().flatMap(a -> settings.town(a.townId()));
    }

    @PUT
    @Path("/town/points-settings")
    @RolesAllowed(Roles.TOWN_ADMINS)
    public Uni<PointsSettingsService.TownSettings> setTownSettings(@Valid @NotNull TownSettingsRequest r) {
        return access.staff().flatMap(a -> settings.setTown(a, r.bonusScheme(), r.starThresholds()));
    }

    @GET
    @Path("/villages/{villageId}/points-settings")
    @RolesAllowed(Roles.STAFF)
    public Uni<PointsSettingsService.VillageSettings> villageSettings(@PathParam("villageId") long villageId) {
        return settings.village(villageId);
    }

    @PUT
    @Path("/villages/{villageId}/points-settings")
    @RolesAllowed(Roles.SECRETARIES)
    public Uni<PointsSettingsService.VillageSettings> setVillageSettings(@PathParam("villageId") long villageId,
                                                                         @Valid @NotNull VillageSettingsRequest r) {
        return access.staff().flatMap(a -> settings.setVillage(a, villageId, r.registrationDay(), Boolean.TRUE.equals(r.twoApprovals())));
    }

    // ---- entries and review ------------------------------------------------------------------------

    @POST
    @Path("/villages/{villageId}/entries")
    @RolesAllowed(Roles.OFFICERS)
    public Uni<Response> register(@PathParam("villageId") long villageId, @Valid @NotNull EntryRequest r) {
        LocalDate on = r.occurredOn() == null ? time.today() : r.occurredOn();
        int quantity = r.quantity() == null ? 1 : r.quantity();
        String note = r.note() == null || r.note().isBlank() ? null : r.note().trim();
        return access.staff().flatMap(a -> entries.register(a, villageId, r.householdId(), r.itemCode().trim(), quantity, on, note))
                .map(e -> Response.status(201).entity(new EntryCreated(e.id(), e.points(), e.status(), e.month(), e.householdId(),
                        e.itemCode(), e.quantity(), e.unitPoints(), e.occurredOn())).build());
    }

    @GET
    @Path("/villages/{villageId}/entries")
    @RolesAllowed(Roles.POINTS_READERS)
    public Uni<List<EntryService.EntryView>> entries(@PathParam("villageId") long villageId, @QueryParam("month") String month,
                                                     @QueryParam("status") String status) {
        if (month != null) {
            LedgerService.parseMonth(month, "month");
        }
        if (status != null && !List.of("PENDING", "APPROVED", "REJECTED").contains(status)) {
            throw DomainException.badRequest("request.invalid", "状态应为 PENDING、APPROVED 或 REJECTED", List.of("status"));
        }
        return entries.list(villageId, month, status);
    }

    @GET
    @Path("/entries/{entryId}")
    @RolesAllowed(Roles.POINTS_READERS)
    public Uni<EntryService.EntryView> entry(@PathParam("entryId") long entryId) {
        return entries.find(entryId);
    }

    @POST
    @Path("/entries/{entryId}/review")
    @RolesAllowed(Roles.REVIEWERS)
    public Uni<EntryService.ReviewResult> review(@PathParam("entryId") long entryId, @Valid @NotNull ReviewRequest r) {
        String note = r.note() == null || r.note().isBlank() ? null : r.note().trim();
        return access.staff().flatMap(a -> entries.review(a, entryId, "APPROVE".equals(r.decision()), note));
    }

    @POST
    @Path("/entries/{entryId}/photos")
    @RolesAllowed(Roles.OFFICERS)
    @Consumes({"image/jpeg", "image/png", MediaType.APPLICATION_OCTET_STREAM})
    public Uni<Response> addPhoto(@PathParam("entryId") long entryId, @HeaderParam("Content-Type") String type, byte[] body) {
        return access.staff().flatMap(a -> entries.addPhoto(a, entryId, type, body, config.photoMaxBytes()))
                .map(p -> Response.status(201).entity(p).build());
    }

    @GET
    @Path("/entries/{entryId}/photos")
    @RolesAllowed(Roles.POINTS_READERS)
    public Uni<List<EntryService.PhotoView>> photos(@PathParam("entryId") long entryId) {
        return entries.photos(entryId);
    }

    @GET
    @Path("/entries/{entryId}/photos/{photoId}")
    @RolesAllowed(Roles.POINTS_READERS)
    @Produces({"image/jpeg", "image/png"})
    public Uni<Response> photo(@PathParam("entryId") long entryId, @PathParam("photoId") long photoId) {
        return entries.photo(entryId, photoId).map(p -> Response.ok(p.data()).type(p.contentType())
                .header("ETag", "\"" + p.sha256() + "\"").header("Cache-Control", "private, max-age=86400").build());
    }

    // ---- month close -------------------------------------------------------------------------------

    @POST
    @Path("/villages/{villageId}/months/{month}/close")
    @RolesAllowed(Roles.MONTH_CLOSERS)
    public Uni<MonthCloseService.CloseResult> close(@PathParam("villageId") long villageId, @PathParam("month") String month) {
        LedgerService.parseMonth(month, "month");
        return access.staff().flatMap(a -> closes.close(a, villageId, month));
    }

    @GET
    @Path("/villages/{villageId}/months/{month}/preview")
    @RolesAllowed(Roles.POINTS_READERS)
    public Uni<MonthCloseService.Preview> preview(@PathParam("villageId") long villageId, @PathParam("month") String month) {
        return closes.preview(villageId, month);
    }

    @GET
    @Path("/villages/{villageId}/months")
    @RolesAllowed(Roles.STAFF)
    public Uni<List<MonthCloseService.MonthView>> months(@PathParam("villageId") long villageId) {
        return closes.months(villageId);
    }
}
