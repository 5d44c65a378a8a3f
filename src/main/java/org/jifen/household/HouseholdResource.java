package org.jifen.household;

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

import java.util.List;

import static org.jifen.common.security.Role.*;

@Path("/api")
public class HouseholdResource {

    public record MemberRequest(@NotBlank @Size(max = 64) String name, @Size(max = 16) String relation) {
    }

    public record HouseholdRequest(@NotBlank @Size(max = 32) String number,
                                   @NotBlank @Size(max = 64) String headName,
                                   @Pattern(regexp = "1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8}", message = "请输入有效的手机号或座机号") String phone,
                                   @Size(max = 32) String group,
                                   @Valid @Size(max = 30) List<MemberRequest> members) {
    }

    public record HouseholdView(long id, long villageId, String number, String headName, String group, String phone,
                                String status, List<String> tags, int availablePoints, int earnedThisYear, int cardVersion) {
        static HouseholdView of(HouseholdService.HouseholdDetail d) {
            Household h = d.household();
            return new HouseholdView(h.id, h.villageId, h.number, h.headName, h.group, h.phone, h.status,
                    List.of(h.tags), d.availablePoints(), d.earnedThisYear(), h.cardVersion);
        }
    }

    @Inject
    HouseholdService households;

    @Inject
    Access access;

    @POST
    @Path("/villages/{villageId}/households")
    @RolesAllowed({TOWN_ADMIN_, SECRETARY_, OFFICER_})
    public Uni<Response> create(@PathParam("villageId") long villageId, @Valid @NotNull HouseholdRequest r) {
        List<HouseholdService.NewMember> members = r.members() == null ? List.of()
                : r.members().stream().map(m -> new HouseholdService.NewMember(m.name().trim(), m.relation())).toList();
        return access.staff()
                .flatMap(actor -> households.create(actor, villageId, r.number().trim(), r.headName().trim(),
                        blankToNull(r.phone()), blankToNull(r.group()), members))
                .flatMap(h -> households.detail(h.id))
                .map(d -> Response.status(201).entity(HouseholdView.of(d)).build());
    }

    @GET
    @Path("/households/{householdId}")
    @RolesAllowed({TOWN_ADMIN_, INSPECTOR_, SECRETARY_, OFFICER_, REVIEWER_, CLERK_})
    public Uni<HouseholdView> get(@PathParam("householdId") long householdId) {
        return households.detail(householdId).map(HouseholdView::of);
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
