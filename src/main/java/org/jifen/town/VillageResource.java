package org.jifen.town;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import org.jifen.common.security.Roles;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.jifen.common.security.Access;

import java.util.List;


@Path("/api")
public class VillageResource {

    public record VillageRequest(@NotBlank @Size(max = 32) @Pattern(regexp = "[A-Za-z0-9_-]+") String code,
                                 @NotBlank @Size(max = 64) String name,
                                 @Pattern(regexp = "VILLAGE|COMMUNITY") String kind) {
    }

    public record VillageView(long id, String code, String name, String kind) {
        static VillageView of(Village v) {
            return new VillageView(v.id(), v.code(), v.name(), v.kind());
        }
    }

    @Inject
    VillageService villages;

    @Inject
    Access access;

    @POST
    @Path("/villages")
    @RolesAllowed(Roles.TOWN_ADMINS)
    public Uni<Response> create(@Valid @NotNull VillageRequest request) {
        return access.staff()
                .flatMap(actor -> villages.create(actor, request.code().trim(), request.name().trim(), request.kind()))
                .map(v -> Response.status(201).entity(VillageView.of(v)).build());
    }

    @GET
    @Path("/villages")
    @RolesAllowed(Roles.STAFF)
    public Uni<List<VillageView>> list() {
        return access.staff().flatMap(villages::visibleTo).map(list -> list.stream().map(VillageView::of).toList());
    }

    @GET
    @Path("/villages/{villageId}")
    @RolesAllowed(Roles.STAFF)
    public Uni<VillageView> get(@PathParam("villageId") long villageId) {
        return villages.get(villageId).map(VillageView::of);
    }
}
