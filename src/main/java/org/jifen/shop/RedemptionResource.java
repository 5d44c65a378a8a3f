package org.jifen.shop;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import org.jifen.common.security.Roles;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.jifen.common.DomainException;
import org.jifen.common.security.Access;

import java.util.List;


/** Redemption at the village shop and its reversal (API.md, Shop). */
@Path("/api")
public class RedemptionResource {

    public record ItemRequest(Long goodsId, Integer quantity) {
    }

    /** Checked by {@link #problems()} rather than Bean Validation: this is the hot path of redemption day. */
    public record RedemptionRequest(String qrText, List<ItemRequest> items, String idempotencyKey) {

        List<String> problems() {
            List<String> fields = new java.util.ArrayList<>();
            if (qrText == null || qrText.isBlank() || qrText.length() > 300) {
                fields.add("qrText");
            }
            if (items == null || items.isEmpty() || items.size() > 50) {
                fields.add("items");
            } else {
                for (int i = 0; i < items.size(); i++) {
                    ItemRequest item = items.get(i);
                    if (item == null || item.goodsId() == null) {
                        fields.add("items[" + i + "].goodsId");
                    }
                    if (item == null || item.quantity() == null || item.quantity() < 1 || item.quantity() > 1000) {
                        fields.add("items[" + i + "].quantity");
                    }
                }
            }
            if (idempotencyKey == null || idempotencyKey.isBlank() || idempotencyKey.length() > 100) {
                fields.add("idempotencyKey");
            }
            return fields;
        }
    }

    public record ReverseRequest(@NotBlank @Size(max = 200) String reason) {
    }

    @Inject
    RedemptionService redemptions;

    @Inject
    Access access;

    @Inject
    RedemptionLog log;

    @Inject
    org.jifen.common.ChinaTime time;

    @POST
    @Path("/redemptions")
    @RolesAllowed(Roles.REDEEMERS)
    public Uni<Response> redeem(RedemptionRequest r) {
        List<String> problems = r == null ? List.of("qrText", "items", "idempotencyKey") : r.problems();
        if (!problems.isEmpty()) {
            return Uni.createFrom().failure(new DomainException(400, "request.invalid", "请求内容有误",
                    "请检查：" + String.join(", ", problems), problems));
        }
        List<RedemptionService.Item> items = r.items().stream()
                .map(i -> new RedemptionService.Item(i.goodsId(), i.quantity())).toList();
        return access.staff()
                .flatMap(clerk -> redemptions.redeem(clerk, r.qrText(), items, r.idempotencyKey().trim()))
                .map(result -> Response.status(result.created() ? 201 : 200).entity(result.answer()).build());
    }

    /** The village's redemptions from {@code from} to {@code to} (China dates, inclusive; default today; at most 92 days), newest first. */
    @GET
    @Path("/villages/{villageId}/redemptions")
    @RolesAllowed(Roles.SHOP_READERS)
    public Uni<List<RedemptionLog.Line>> list(@PathParam("villageId") long villageId, @QueryParam("from") String from,
                                              @QueryParam("to") String to) {
        return log.list(villageId, RedemptionRange.parse(from, to, time.today()));
    }

    @POST
    @Path("/redemptions/{redemptionId}/reverse")
    @RolesAllowed(Roles.RECORD_KEEPERS)
    public Uni<RedemptionService.Reversal> reverse(@PathParam("redemptionId") long redemptionId,
                                                   @Valid @NotNull ReverseRequest r) {
        return access.staff().flatMap(actor -> redemptions.reverse(actor, redemptionId, r.reason().trim()));
    }
}
