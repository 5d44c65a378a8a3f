package org.jifen.workspace;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jifen.common.security.Access;
import org.jifen.common.security.Role;
import org.jifen.common.security.Roles;

import java.util.Arrays;
import java.util.List;

/** A village's home page: this month's work at a glance, each figure linking to where the work is done. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class WorkspacePages {

    @CheckedTemplate(requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance home(VillageHome.Figures f, List<String> may, long surveysDue);
    }

    @Inject
    VillageHome home;

    @Inject
    Access access;

    @Inject
    org.jifen.survey.SurveyVisits surveys;

    @GET
    @Path("villages/{villageId}")
    @RolesAllowed(Roles.STAFF)
    public Uni<TemplateInstance> home(@PathParam("villageId") long villageId) {
        return access.staff().flatMap(me -> home.of(villageId).flatMap(f -> surveys.dueCount(me.townId(), villageId)
                .map(due -> Templates.home(f, places(me.role()), due))));
    }

    /** The places {@code role} may open, by key: the page links a figure only there. */
    static List<String> places(Role role) {
        return Arrays.stream(Place.values()).filter(p -> p.shownTo(role)).map(Place::key).toList();
    }
}
