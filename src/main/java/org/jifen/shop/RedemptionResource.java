package org.jifen.shop;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.jifen.common.security.Access;

import java.util.List;

import static org.jifen.common.security.Role.*;

/** Redemption at the village shop and its reversal (API.md, Shop). */
@Path("/api")
public class RedemptionResource {

    public record ItemRequest(@NotNull Long goodsId, @NotNull @Min(1) @Max(1000) Integer quantity) {
    }

    public record RedemptionRequest(@NotBlank @Size(max = 300) String qrText,
                                    @NotEmpty @Size(max = 50) List<@Valid @NotNull ItemRequest> items,
                                    @NotBlank @Size(max = 100) String idempotencyKey) {
    }

    public record ReverseRequest(@NotBlank @Size(max = 200) String reason) {
    }

    @Inject
    RedemptionService redemptions;

    @Inject
    Access access;

    @POST
    @Path("/redemptions")
    @RolesAllowed({TOWN_ADMIN_, OFFICER_, CLERK_})
    public Uni<Response> redeem(@Valid @NotNull RedemptionRequest r) {
        List<RedemptionService.Item> items = r.items().stream()
                .map(i -> new RedemptionService.Item(i.goodsId(), i.quantity())).toList();
        return access.staff()
                .flatMap(clerk -> redemptions.redeem(clerk, r.qrText(), items, r.idempotencyKey().trim()))
                .map(result -> Response.status(result.created() ? 201 : 200).entity(result.answer()).build());
    }

    @POST
    @Path("/redemptions/{redemptionId}/reverse")
    @RolesAllowed({TOWN_ADMIN_, OFFICER_, SECRETARY_})
    public Uni<RedemptionService.Reversal> reverse(@PathParam("redemptionId") long redemptionId,
                                                   @Valid @NotNull ReverseRequest r) {
        return access.staff().flatMap(actor -> redemptions.reverse(actor, redemptionId, r.reason().trim()));
    }
}
