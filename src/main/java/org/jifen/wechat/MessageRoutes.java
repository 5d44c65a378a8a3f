package org.jifen.wechat;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jifen.common.JifenConfig;

import java.util.List;
import java.util.Optional;

/**
 * Which app sends a message to a bound user, with which template and page. A user bound through the 公众号 gets
 * it from the 公众号 ({@code bizsend}, page = a web page of the portal), one bound through the mini-program from
 * the mini-program ({@code send}, page = a mini-program page). An app without credentials or without a template
 * for the message cannot send it: the rows of its users are recorded as SKIPPED, never attempted.
 */
@ApplicationScoped
public class MessageRoutes {

    /** The messages jifen sends; each app has its own template id for each. */
    public enum Template {
        /** A posting: EARN, BONUS (a month's bonus), ADJUST, REDEEM, REFUND. */
        POINTS_CHANGED("points-changed"),
        /** A published notice, a coming redemption day. */
        ANNOUNCEMENT("announcement");

        final String key;

        Template(String key) {
            this.key = key;
        }
    }

    /** How one app sends a message: its template id and page, or ({@code templateId} null) why it does not. */
    public record Route(WeChatClient.App app, String templateId, String page, String skipped) {
        public boolean sends() {
            return templateId != null;
        }
    }

    @Inject
    WeChatConfig config;

    @Inject
    JifenConfig jifen;

    public Route route(WeChatClient.App app, Template template) {
        boolean mp = app == WeChatClient.App.MP;
        String page = mp ? config.mp().page().filter(p -> !p.isBlank()).orElseGet(this::portalUrl) : config.mini().page();
        if (!(mp ? config.mpConfigured() : config.miniConfigured())) {
            return new Route(app, null, page, notConfigured(app));
        }
        WeChatConfig.Templates templates = mp ? config.mp().templates() : config.templates();
        Optional<String> id = (template == Template.POINTS_CHANGED ? templates.pointsChanged() : templates.announcement())
                .filter(t -> !t.isBlank());
        return id.map(t -> new Route(app, t, page, null))
                .orElseGet(() -> new Route(app, null, page, "skipped: no " + (mp ? "公众号" : "mini-program") + " template for "
                        + template.key + " (jifen.wechat." + (mp ? "mp." : "") + "templates." + template.key + ")"));
    }

    /** Both apps' routes of a message, 公众号 first. */
    public List<Route> routes(Template template) {
        return List.of(route(WeChatClient.App.MP, template), route(WeChatClient.App.MINI, template));
    }

    /** Whether any app sends the message; when none does, messages of this kind are off and nothing is queued. */
    public boolean anySends(Template template) {
        return routes(template).stream().anyMatch(Route::sends);
    }

    static String notConfigured(WeChatClient.App app) {
        return app == WeChatClient.App.MP
                ? "skipped: the 公众号 is not configured (jifen.wechat.app-id, app-secret)"
                : "skipped: the mini-program is not configured (jifen.wechat.mini.app-id, app-secret)";
    }

    /**
     * SQL for the routes as a table {@code r (app_kind, template_id, page, skipped)} to join with
     * {@code wechat_binding b ON r.app_kind = b.app_kind}; its parameters, from {@code $first} on, are
     * {@link #parameters(Template)}.
     */
    static String routesTable(int first) {
        return "(VALUES ('MP', NULLIF(CAST($%d AS text), ''), CAST($%d AS text), NULLIF(CAST($%d AS text), '')), ".formatted(first, first + 1, first + 2)
                + "('MINI', NULLIF(CAST($%d AS text), ''), CAST($%d AS text), NULLIF(CAST($%d AS text), ''))) AS r (app_kind, template_id, page, skipped)"
                .formatted(first + 3, first + 4, first + 5);
    }

    /** The six parameters of {@link #routesTable(int)} ("" for none). */
    Object[] parameters(Template template) {
        List<Route> routes = routes(template);
        Object[] p = new Object[6];
        for (int i = 0; i < 2; i++) {
            Route r = routes.get(i);
            p[3 * i] = r.templateId() == null ? "" : r.templateId();
            p[3 * i + 1] = r.page();
            p[3 * i + 2] = r.skipped() == null ? "" : r.skipped();
        }
        return p;
    }

    private String portalUrl() {
        String base = jifen.publicBaseUrl().trim();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/portal";
    }
}
