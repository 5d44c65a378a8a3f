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
import jakarta.ws.rs.core.Response;
import org.jifen.common.security.Access;
import org.jifen.common.security.Role;

import java.util.List;


@Path("/api")
public class StaffResource {

    public record StaffRequest(@NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9_.@-]+") String username,
                               @NotNull @Size(min = 8, max = 128) String password,
                               @NotBlank @Size(max = 64) String displayName,
                               @NotNull Role role,
                               Long villageId) {
    }

    public record StaffView(long id, String username, String displayName, String role, Long villageId) {
        static StaffView of(Staff s) {
            return new StaffView(s.id(), s.username(), s.displayName(), s.role(), s.villageId());
        }
    }

    @Inject
    StaffService staff;

    @Inject
    Access access;

    @POST
    @Path("/staff")
    @RolesAllowed(Roles.TOWN_ADMINS)
    public Uni<Response> create(@Valid @NotNull StaffRequest r) {
        return access.staff()
                .flatMap(actor -> staff.create(actor, r.username().trim(), r.password(), r.displayName().trim(), r.role(), r.villageId()))
                .map(s -> Response.status(201).entity(StaffView.of(s)).build());
    }

    @GET
    @Path("/staff")
    @RolesAllowed(Roles.NOTICE_SETTINGS_READERS)
    public Uni<List<StaffView>> list() {
        return access.staff().flatMap(staff::visibleTo).map(l -> l.stream().map(StaffView::of).toList());
    }
}
