package org.anshin.console.http;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.anshin.common.config.AnshinConfig;
import org.anshin.console.ConsoleData;
import org.anshin.console.IngestCalls;
import org.anshin.console.Layout;
import org.anshin.console.Viewer;
import org.anshin.console.pages.AdvisoriesPage;
import org.anshin.console.pages.AdvisoryCompose;
import org.anshin.console.pages.ReviewPage;

/**
 * The advisories and review pages: {@code GET /advisories[?tab=drills]}, {@code GET /advisories/new},
 * {@code POST /advisories} (CSRF checked by the gate before it gets here; forwarded to ingest with the session's
 * token) and {@code GET /review?fy=YYYY}.
 */
final class PageRoutes {
    private static final String ACTION = "/advisories";

    private PageRoutes() {
    }

    static void install(JavalinConfig config, AnshinConfig anshin, ConsoleData data, IngestCalls ingest, Clock clock) {
        AdvisoriesPage advisories = new AdvisoriesPage(anshin);
        AdvisoryCompose compose = new AdvisoryCompose(anshin.levels(), ACTION);
        ReviewPage review = new ReviewPage(anshin, clock);
        config.routes.get("/advisories", ctx -> {
            Viewer v = Gate.viewer(ctx);
            boolean drills = "drills".equals(ctx.queryParam("tab"));
            String body = advisories.render(v, data, drills, clock.instant())
                    + (AdvisoryCompose.mayIssue(v) ? "<p><a href=\"/advisories/new\">"
                    + v.lang().pick("情報提供を発出する", "Issue an advisory") + "</a></p>\n" : "")
                    + ("sent".equals(ctx.queryParam("issued")) ? "<p class=\"notice-ok\">" + v.lang().pick(
                    "発出を受け付けました。配信状況は記録に反映され次第ここに表示されます。",
                    "Accepted; its deliveries appear here once the record has them.") + "</p>\n" : "");
            ctx.html(Layout.page(v, v.lang().pick("情報提供", "Advisories"), Layout.ADVISORIES, body));
        });
        config.routes.get("/advisories/new", ctx -> {
            Viewer v = Gate.viewer(ctx);
            ctx.html(Layout.page(v, v.lang().pick("情報提供を発出", "Issue an advisory"), Layout.ADVISORIES,
                    compose.form(v, Map.of(), List.of())));
        });
        config.routes.post(ACTION, ctx -> submit(ctx, compose, ingest));
        config.routes.get("/review", ctx -> {
            Viewer v = Gate.viewer(ctx);
            int year = parseYear(ctx.queryParam("fy"), review.currentFiscalYear());
            ctx.html(Layout.page(v, v.lang().pick("年次レビュー", "Annual review"), Layout.REVIEW,
                    review.render(v, data, year, v.lang())));
        });
    }

    private static void submit(Context ctx, AdvisoryCompose compose, IngestCalls ingest) {
        Viewer v = Gate.viewer(ctx);
        Map<String, String> form = new LinkedHashMap<>();
        ctx.formParamMap().forEach((k, values) -> {
            if (!values.isEmpty()) {
                form.put(k, values.get(0));
            }
        });
        String token = Gate.session(ctx).bearerToken();
        ctx.future(() -> compose.submit(v, token, form, ingest).thenAccept(outcome -> {
            if (outcome.accepted()) {
                ctx.redirect("/advisories?issued=sent", HttpStatus.SEE_OTHER);
                return;
            }
            int status = switch (outcome.kind()) {
                case INVALID -> 400;
                case FORBIDDEN -> 403;
                default -> 503;
            };
            ctx.status(status).html(Layout.page(v, v.lang().pick("情報提供を発出", "Issue an advisory"),
                    Layout.ADVISORIES, compose.form(v, outcome.values(), outcome.errors())));
        }));
    }

    private static int parseYear(String fy, int fallback) {
        if (fy == null || !fy.matches("\\d{4}")) {
            return fallback;
        }
        return Integer.parseInt(fy);
    }
}
