package org.jifen.points;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.annotation.security.RolesAllowed;
import org.jifen.common.security.Roles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import org.jifen.common.ChinaTime;
import org.jifen.card.CardToken;
import org.jifen.common.DomainException;
import org.jifen.common.db.Sql;
import org.jifen.common.security.Access;
import org.jifen.common.security.StaffPrincipal;
import org.jifen.ledger.LedgerService;
import org.jifen.ledger.Postings;

import java.net.URI;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.jifen.common.security.Role.*;

/** Pages of the points feature (Chinese, phone-usable): catalog, registration day, review queue, month close, household ledger. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class PointsPages {

    @CheckedTemplate(requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance catalog(VillageRef village, List<CatalogService.Item> items,
                                               PointsSettingsService.VillageSettings settings, boolean secretary, boolean townAdmin);

        static native TemplateInstance registration(VillageRef village, List<HouseholdRef> households, List<CatalogService.Item> items,
                                                    List<Row> rows, List<String> done, PointsSettingsService.VillageSettings settings,
                                                    String today, String moreRows);

        static native TemplateInstance review(VillageRef village, String month, List<EntryService.EntryView> entries,
                                              List<MonthCloseService.MonthView> months, String prevMonth);

        static native TemplateInstance close(VillageRef village, MonthCloseService.Preview preview, boolean mayClose);

        static native TemplateInstance ledger(HouseholdRef household, VillageRef village, List<Postings.PostingView> postings,
                                              boolean secretary, String thisMonth);
    }

    public record HouseholdRef(long id, long villageId, String number, String headName, int cardVersion) {
        public String label() {
            return number + " " + headName;
        }
    }

    /** One line of the registration form, kept when it failed so the officer can fix it. */
    public record Row(String household, String item, String quantity, String date, String note, String error) {
    }

    /** The village a page is about: its header and links. */
    public record VillageRef(long id, String name) {
    }

    /** Small page-only reads. */
    @ApplicationScoped
    public static class Directory {

        private static final String HOUSEHOLD = "SELECT id, village_id, number, head_name, card_version FROM household";

        @Inject
        Pool pool;

        public Uni<List<HouseholdRef>> households(long villageId) {
            return Sql.list(pool, HOUSEHOLD + " WHERE village_id = $1 AND status = 'ACTIVE' ORDER BY number", Sql.args(villageId),
                    Directory::household);
        }

        public Uni<HouseholdRef> household(long householdId) {
            return Sql.one(pool, HOUSEHOLD + " WHERE id = $1", Sql.args(householdId), "该农户", Directory::household);
        }

        public Uni<VillageRef> village(long villageId) {
            return Sql.one(pool, "SELECT id, name FROM village WHERE id = $1", Sql.args(villageId), "该村（社区）",
                    r -> new VillageRef(r.getLong("id"), r.getString("name")));
        }

        private static HouseholdRef household(io.vertx.mutiny.sqlclient.Row r) {
            return new HouseholdRef(r.getLong("id"), r.getLong("village_id"), r.getString("number"), r.getString("head_name"),
                    r.getInteger("card_version"));
        }
    }

    @Inject
    org.jifen.card.CardKeys cards;

    @Inject
    Access access;

    @Inject
    Directory directory;

    @Inject
    CatalogService catalog;

    @Inject
    PointsSettingsService settings;

    @Inject
    EntryService entries;

    @Inject
    MonthCloseService closes;

    @Inject
    LedgerService ledger;

    @Inject
    ChinaTime time;

    @Inject
    PointsConfig config;

    @Inject
    io.vertx.mutiny.core.Vertx vertx;

    private static Response back(String path) {
        return Response.seeOther(URI.create(path)).build();
    }

    private static boolean is(StaffPrincipal s, String role) {
        return s.role().name().equals(role);
    }

    // ---- catalog and village settings ----------------------------------------------------------------

    @GET
    @Path("villages/{villageId}/catalog")
    @RolesAllowed(Roles.STAFF)
    public Uni<TemplateInstance> catalogPage(@PathParam("villageId") long villageId, @QueryParam("title") String title) {
        // title pre-fills the new-item form (a link from the survey ranking: 提议积分项目)
        String prefill = title == null ? "" : title.strip().substring(0, Math.min(64, title.strip().length()));
        return access.staff().flatMap(s -> directory.village(villageId).flatMap(v -> catalog.effective(villageId, true)
                .flatMap(items -> settings.village(villageId).map(vs -> Templates.catalog(v, items, vs,
                        is(s, TOWN_ADMIN_) || is(s, SECRETARY_), is(s, TOWN_ADMIN_)).data("prefillTitle", prefill)))));
    }

    @POST
    @Path("villages/{villageId}/catalog/{code}")
    @RolesAllowed(Roles.SECRETARIES)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> overrideForm(@PathParam("villageId") long villageId, @PathParam("code") String code,
                                      @FormParam("enabled") String enabled, @FormParam("points") String points) {
        Integer p = points == null || points.isBlank() ? null : Integer.valueOf(points.trim());
        return access.staff().flatMap(s -> catalog.override(s, villageId, code, enabled != null, p))
                .replaceWith(back("/villages/" + villageId + "/catalog"));
    }

    @POST
    @Path("villages/{villageId}/catalog")
    @RolesAllowed(Roles.SECRETARIES)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> itemForm(@PathParam("villageId") long villageId, @FormParam("scope") String scope,
                                  @FormParam("code") String code, @FormParam("category") String category, @FormParam("title") String title,
                                  @FormParam("points") String points, @FormParam("unit") String unit, @FormParam("monthlyCap") String cap,
                                  @FormParam("photoRequired") String photo, @FormParam("validFrom") String from, @FormParam("validTo") String to) {
        if (blank(points)) {
            throw DomainException.badRequest("request.invalid", "请填写分值", List.of("points"));
        }
        PointsResource.ItemRequest r = new PointsResource.ItemRequest(trim(code), trim(category), trim(title),
                Integer.valueOf(points.trim()), trim(unit), blank(cap) ? null : Integer.valueOf(cap.trim()), photo != null,
                blank(from) ? null : LocalDate.parse(from), blank(to) ? null : LocalDate.parse(to));
        if (blank(r.code()) || blank(r.category()) || blank(r.title()) || blank(r.unit())) {
            throw DomainException.badRequest("request.invalid", "请填写编码、类别、项目和单位", List.of("code", "category", "title", "unit"));
        }
        return access.staff().flatMap(s -> "TOWN".equals(scope) && is(s, TOWN_ADMIN_)
                        ? catalog.createTownItem(s, r.data(r.code()))
                        : catalog.createVillageItem(s, villageId, r.data(r.code())))
                .replaceWith(back("/villages/" + villageId + "/catalog"));
    }

    @POST
    @Path("villages/{villageId}/points-settings")
    @RolesAllowed(Roles.SECRETARIES)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> settingsForm(@PathParam("villageId") long villageId, @FormParam("registrationDay") String day,
                                      @FormParam("twoApprovals") String two) {
        return access.staff().flatMap(s -> settings.setVillage(s, villageId, blank(day) ? null : Integer.valueOf(day.trim()), two != null))
                .replaceWith(back("/villages/" + villageId + "/catalog"));
    }

    // ---- registration day ------------------------------------------------------------------------------

    @GET
    @Path("villages/{villageId}/registration")
    @RolesAllowed(Roles.OFFICERS)
    public Uni<TemplateInstance> registrationPage(@PathParam("villageId") long villageId, @QueryParam("rows") Integer rows) {
        int n = rows == null ? 12 : Math.max(1, Math.min(rows, 100));
        List<Row> empty = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            empty.add(new Row("", "", "1", time.today().toString(), "", null));
        }
        return registration(villageId, empty, List.of(), n);
    }

    private Uni<TemplateInstance> registration(long villageId, List<Row> rows, List<String> done, int n) {
        return directory.village(villageId).flatMap(v -> directory.households(villageId)
                .flatMap(hs -> catalog.effective(villageId, false).flatMap(items -> settings.village(villageId)
                        .map(vs -> Templates.registration(v, hs, items, rows, done, vs, time.today().toString(),
                                "/villages/" + villageId + "/registration?rows=" + Math.min(100, n + 12))))));
    }

    @POST
    @Path("villages/{villageId}/registration")
    @RolesAllowed(Roles.OFFICERS)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<TemplateInstance> registerRows(@PathParam("villageId") long villageId,
                                              @FormParam("household") List<String> household, @FormParam("item") List<String> item,
                                              @FormParam("quantity") List<String> quantity, @FormParam("date") List<String> date,
                                              @FormParam("note") List<String> note) {
        int n = household == null ? 0 : household.size();
        return access.staff().flatMap(s -> directory.households(villageId).flatMap(hs -> {
            List<Row> kept = new ArrayList<>();
            List<String> done = new ArrayList<>();
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (int i = 0; i < n; i++) {
                Row row = new Row(at(household, i), at(item, i), at(quantity, i), at(date, i), at(note, i), null);
                if (blank(row.household()) && blank(row.item())) {
                    continue;
                }
                chain = chain.flatMap(x -> registerRow(s, villageId, hs, row)
                        .invoke(ok -> done.add(ok))
                        .onFailure().recoverWithItem(e -> {
                            kept.add(new Row(row.household(), row.item(), row.quantity(), row.date(), row.note(), message(e)));
                            return null;
                        }).replaceWithVoid());
            }
            return chain.flatMap(x -> {
                while (kept.size() < 6) {
                    kept.add(new Row("", "", "1", kept.isEmpty() ? time.today().toString() : kept.get(kept.size() - 1).date(), "", null));
                }
                return registration(villageId, kept, done, kept.size());
            });
        }));
    }

    private Uni<String> registerRow(StaffPrincipal s, long villageId, List<HouseholdRef> hs, Row row) {
        return cards.codec().flatMap(codec -> registerRow(s, villageId, find(hs, row.household(), codec), row));
    }

    private Uni<String> registerRow(StaffPrincipal s, long villageId, HouseholdRef h, Row row) {
        if (h == null) {
            return Uni.createFrom().failure(DomainException.badRequest("points.unknown-household", "找不到该农户（请填户号、唯一的姓名或扫描有效的积分卡）", List.of("household")));
        }
        String code = row.item() == null ? "" : row.item().trim().split("\\s+")[0];
        int q;
        LocalDate on;
        try {
            q = blank(row.quantity()) ? 1 : Integer.parseInt(row.quantity().trim());
            on = blank(row.date()) ? time.today() : LocalDate.parse(row.date().trim());
        } catch (RuntimeException e) {
            return Uni.createFrom().failure(DomainException.badRequest("request.invalid", "数量或日期有误", List.of("quantity")));
        }
        if (q < 1 || q > 1000) {
            return Uni.createFrom().failure(DomainException.badRequest("request.invalid", "数量须为 1 到 1000", List.of("quantity")));
        }
        return entries.register(s, villageId, h.id(), code, q, on, blank(row.note()) ? null : row.note().trim())
                .map(e -> h.label() + " · " + e.itemTitle() + " × " + e.quantity() + " = " + e.points() + " 分（" + e.month() + "）");
    }

    /** The household typed as a number, "number name", a unique name, or scanned from its card (the card's URL). */
    static HouseholdRef find(List<HouseholdRef> hs, String typed, CardToken cards) {
        if (blank(typed)) {
            return null;
        }
        String t = typed.trim();
        if (t.contains("/c/")) {
            return cards.verify(CardToken.tokenOf(t))
                    .flatMap(c -> hs.stream().filter(h -> h.id() == c.householdId() && h.cardVersion() == c.version()).findFirst())
                    .orElse(null);
        }
        String first = t.split("\\s+")[0];
        for (HouseholdRef h : hs) {
            if (h.number().equals(first) || h.label().equals(t)) {
                return h;
            }
        }
        List<HouseholdRef> byName = hs.stream().filter(h -> h.headName().equals(t)).toList();
        return byName.size() == 1 ? byName.get(0) : null;
    }

    // ---- review queue -----------------------------------------------------------------------------------

    @GET
    @Path("villages/{villageId}/review")
    @RolesAllowed(Roles.POINTS_READERS)
    public Uni<TemplateInstance> reviewPage(@PathParam("villageId") long villageId, @QueryParam("month") String month) {
        String m = blank(month) ? null : month;
        if (m != null) {
            LedgerService.parseMonth(m, "month");
        }
        return directory.village(villageId).flatMap(v -> entries.list(villageId, m, "PENDING")
                .flatMap(list -> closes.months(villageId).map(months -> Templates.review(v, m, list, months,
                        time.thisMonth().minusMonths(1).toString()))));
    }

    @POST
    @Path("entries/{entryId}/review-form")
    @RolesAllowed(Roles.REVIEWERS)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> reviewForm(@PathParam("entryId") long entryId, @FormParam("decision") String decision,
                                    @FormParam("note") String note) {
        return access.staff().flatMap(s -> entries.find(entryId).flatMap(e -> entries.review(s, entryId, "APPROVE".equals(decision),
                        blank(note) ? null : note.trim())
                .replaceWith(back("/villages/" + e.villageId() + "/review"))));
    }

    @POST
    @Path("entries/{entryId}/photo-form")
    @RolesAllowed(Roles.OFFICERS)
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Uni<Response> photoForm(@PathParam("entryId") long entryId, @RestForm("photo") FileUpload photo) {
        if (photo == null || photo.size() == 0) {
            throw DomainException.badRequest("points.photo-empty", "请选择照片", List.of("photo"));
        }
        if (photo.size() > config.photoMaxBytes()) {
            throw new DomainException(413, "points.photo-too-large", "照片过大");
        }
        return access.staff().flatMap(s -> vertx.executeBlocking(Uni.createFrom().item(() -> {
                    try {
                        return Files.readAllBytes(photo.uploadedFile());
                    } catch (java.io.IOException e) {
                        throw new IllegalStateException(e);
                    }
                }))
                .flatMap(bytes -> entries.addPhoto(s, entryId, null, bytes, config.photoMaxBytes())))
                .flatMap(p -> entries.find(entryId)).map(e -> back("/villages/" + e.villageId() + "/review"));
    }

    // ---- month close --------------------------------------------------------------------------------------

    @GET
    @Path("villages/{villageId}/months/{month}/close")
    @RolesAllowed(Roles.POINTS_READERS)
    public Uni<TemplateInstance> closePage(@PathParam("villageId") long villageId, @PathParam("month") String month) {
        return access.staff().flatMap(s -> directory.village(villageId).flatMap(v -> closes.preview(villageId, month)
                .map(p -> Templates.close(v, p, is(s, TOWN_ADMIN_) || is(s, REVIEWER_) || is(s, SECRETARY_)))));
    }

    @POST
    @Path("villages/{villageId}/months/{month}/close")
    @RolesAllowed(Roles.MONTH_CLOSERS)
    public Uni<Response> closeForm(@PathParam("villageId") long villageId, @PathParam("month") String month) {
        LedgerService.parseMonth(month, "month");
        return access.staff().flatMap(s -> closes.close(s, villageId, month))
                .replaceWith(back("/villages/" + villageId + "/months/" + month + "/close"));
    }

    // ---- household ledger -----------------------------------------------------------------------------------

    @GET
    @Path("households/{householdId}/ledger")
    @RolesAllowed(Roles.STAFF)
    public Uni<TemplateInstance> ledgerPage(@PathParam("householdId") long householdId) {
        return access.staff().flatMap(s -> directory.household(householdId).flatMap(h -> directory.village(h.villageId())
                .flatMap(v -> ledger.postings(householdId, null).map(ps -> Templates.ledger(h, v, ps,
                        is(s, TOWN_ADMIN_) || is(s, SECRETARY_), time.thisMonth().toString())))));
    }

    @POST
    @Path("households/{householdId}/ledger/adjust")
    @RolesAllowed(Roles.SECRETARIES)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> adjustForm(@PathParam("householdId") long householdId, @FormParam("points") String points,
                                    @FormParam("month") String month, @FormParam("reason") String reason) {
        if (blank(points) || blank(reason) || Integer.parseInt(points.trim()) == 0) {
            throw DomainException.badRequest("request.invalid", "请填写非零分值和原因", List.of("points", "reason"));
        }
        LedgerService.parseMonth(month, "month");
        return access.staff().flatMap(s -> ledger.adjust(s, householdId, Integer.parseInt(points.trim()), month, reason.trim()))
                .replaceWith(back("/households/" + householdId + "/ledger"));
    }

    @POST
    @Path("postings/{postingId}/reverse-form")
    @RolesAllowed(Roles.SECRETARIES)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> reverseForm(@PathParam("postingId") long postingId, @FormParam("reason") String reason) {
        if (blank(reason)) {
            throw DomainException.badRequest("request.invalid", "请填写冲正原因", List.of("reason"));
        }
        return access.staff().flatMap(s -> ledger.reverse(s, postingId, reason.trim()))
                .map(p -> back("/households/" + p.householdId() + "/ledger"));
    }

    private static String at(List<String> list, int i) {
        return list != null && i < list.size() ? list.get(i) : "";
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String trim(String s) {
        return s == null ? null : s.trim();
    }

    private static String message(Throwable e) {
        Throwable t = e;
        while (t != null && !(t instanceof DomainException)) {
            if (t instanceof io.vertx.pgclient.PgException pg && pg.getErrorMessage() != null && pg.getErrorMessage().startsWith("jifen:")) {
                return org.jifen.common.DbCodes.problem(pg.getErrorMessage().substring(6)).title();
            }
            t = t.getCause();
        }
        return t instanceof DomainException d ? (d.getMessage() == null ? d.title() : d.getMessage()) : "保存失败";
    }
}
