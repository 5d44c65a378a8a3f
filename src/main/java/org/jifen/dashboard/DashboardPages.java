package org.jifen.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.jifen.common.ChinaTime;
import org.jifen.common.security.Access;
import org.jifen.common.security.Roles;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The town dashboard page (镇级看板), phone first: the town's figures, three charts drawn by
 * {@code static/dashboard/dashboard.js} with ECharts served by the app ({@code /webjars/echarts/...}) from the JSON in
 * the page's {@code data-dashboard} attribute, and a table of the same figures beneath them (readable without script,
 * printable).
 */
@Path("/town/dashboard")
@Produces(MediaType.TEXT_HTML)
public class DashboardPages {

    /** The figures of the charts: village names, participation %, points per month of the town, stars per village. */
    record ChartData(int year, String quarter, List<String> villages, List<Double> participation, List<String> months,
                     List<Long> issued, List<Long> redeemed, List<Integer> three, List<Integer> four, List<Integer> five) {
    }

    @CheckedTemplate(requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance dashboard(TownDashboard.Dashboard d, String chartJson, List<Integer> years,
                                                 Map<String, String> flagLabels);
    }

    @Inject
    Access access;

    @Inject
    TownDashboard dashboard;

    @Inject
    ChinaTime time;

    @Inject
    ObjectMapper json;

    @GET
    @RolesAllowed(Roles.TOWN_READERS)
    public Uni<TemplateInstance> page(@QueryParam("year") String year) {
        int y = dashboard.year(year);
        return access.staff().flatMap(me -> dashboard.of(me.townId(), y)).map(d -> {
            List<Integer> years = new ArrayList<>();
            for (int i = Math.max(time.thisYear(), y); i >= Math.min(time.thisYear() - 4, y); i--) {
                years.add(i);
            }
            return Templates.dashboard(d, chartJson(d), years, TownDashboard.FLAG_LABELS);
        });
    }

    private String chartJson(TownDashboard.Dashboard d) {
        var v = d.villages();
        ChartData c = new ChartData(d.year(), d.quarter(),
                v.stream().map(TownDashboard.Village::villageName).toList(),
                v.stream().map(x -> Math.round(x.participation() * 1000) / 10.0).toList(),
                d.perMonth().stream().map(m -> Integer.parseInt(m.month().substring(5)) + "月").toList(),
                d.perMonth().stream().map(TownDashboard.Month::issued).toList(),
                d.perMonth().stream().map(TownDashboard.Month::redeemed).toList(),
                v.stream().map(x -> x.starCounts().three()).toList(),
                v.stream().map(x -> x.starCounts().four()).toList(),
                v.stream().map(x -> x.starCounts().five()).toList());
        try {
            return json.writeValueAsString(c);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
