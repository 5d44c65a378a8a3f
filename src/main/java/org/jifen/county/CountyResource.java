package org.jifen.county;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
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
import org.jifen.common.security.Role;
import org.jifen.common.security.Roles;
import org.jifen.town.StaffService;

import java.util.List;

/** The county's API: towns, a town's first TOWN_ADMIN, per-town counts. COUNTY_ADMIN only. */
@Path("/api")
public class CountyResource {

    public record TownRequest(@NotBlank @Size(max = 64) String name) {
    }

    public record TownView(long id, String name) {
    }

    /** {@code role} may be left out: TOWN_ADMIN; INSPECTOR is the other town role a county may create. */
    public record TownStaffRequest(@NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9_.@-]+") String username,
                                   @NotNull @Size(min = 8, max = 128) String password,
                                   @NotBlank @Size(max = 64) String displayName,
                                   Role role) {
    }

    public record TownStaffView(long id, String username, String displayName, String role, long townId) {
    }

    @Inject
    CountyService county;

    @Inject
    StaffService staff;

    @Inject
    Access access;

    @POST
    @Path("/towns")
    @RolesAllowed(Roles.COUNTY_ADMINS)
    public Uni<Response> createTown(@Valid @NotNull TownRequest r) {
        return access.staff().flatMap(actor -> county.createTown(actor, r.name().trim()))
                .map(t -> Response.status(201).entity(new TownView(t.id(), t.name())).build());
    }

    @GET
    @Path("/towns")
    @RolesAllowed(Roles.COUNTY_ADMINS)
    public Uni<List<TownView>> towns() {
        return county.towns().map(l -> l.stream().map(t -> new TownView(t.id(), t.name())).toList());
    }

    @POST
    @Path("/towns/{townId}/staff")
    @RolesAllowed(Roles.COUNTY_ADMINS)
    public Uni<Response> createTownStaff(@PathParam("townId") long townId, @Valid @NotNull TownStaffRequest r) {
        Role role = r.role() == null ? Role.TOWN_ADMIN : r.role();
        return access.staff()
                .flatMap(actor -> staff.createInTown(actor, townId, r.username().trim(), r.password(), r.displayName().trim(), role))
                .map(s -> Response.status(201).entity(new TownStaffView(s.id(), s.username(), s.displayName(), s.role(), townId)).build());
    }

    /** Per-town counts (villages, active households, active staff); the dashboard's roll-ups are to come. */
    @GET
    @Path("/county/towns")
    @RolesAllowed(Roles.COUNTY_ADMINS)
    public Uni<List<CountyService.TownFigures>> figures() {
        return county.figures();
    }
}
