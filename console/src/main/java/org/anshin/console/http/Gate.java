package org.anshin.console.http;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Optional;
import java.util.Set;
import org.anshin.console.Html;
import org.anshin.console.Lang;
import org.anshin.console.Layout;
import org.anshin.console.Viewer;
import org.anshin.console.auth.Session;
import org.anshin.console.auth.Sessions;

/**
 * Runs before every route: security headers, the language, the session (signed-out browsers are sent to
 * {@code /login}, scripts get 401), and the CSRF defence of every state-changing request: same origin
 * (Origin, else Referer) always, and the session's synchronizer token (form field {@code csrf} or header
 * {@code X-CSRF-Token}) once signed in.
 */
public final class Gate {
    public static final String CSRF_FIELD = "csrf";
    public static final String CSRF_HEADER = "X-CSRF-Token";
    private static final String VIEWER = "anshin.viewer";
    private static final String SESSION = "anshin.session";
    private static final String LANG = "anshin.lang";
    /** Paths anyone may request: the sign-in form, the console's own scripts and styles, the ops endpoints. */
    private static final Set<String> PUBLIC = Set.of("/login", "/healthz", "/readyz", "/metrics", "/health/live",
            "/health/ready", "/favicon.ico");
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self';"
            + " frame-ancestors 'none'";

    private final Sessions sessions;

    public Gate(Sessions sessions) {
        this.sessions = sessions;
    }

    public void before(Context ctx) {
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "same-origin");
        ctx.header("Cache-Control", "no-store");
        ctx.attribute(LANG, lang(ctx));

        boolean stateChanging = !("GET".equals(ctx.method().name()) || "HEAD".equals(ctx.method().name())
                || "OPTIONS".equals(ctx.method().name()));
        if (stateChanging && !Requests.sameOrigin(ctx)) {
            refuse(ctx, HttpStatus.FORBIDDEN, "cross-origin request refused (Origin/Referer is not this console)");
            return;
        }
        String path = ctx.path();
        if (PUBLIC.contains(path) || path.startsWith("/static/")) {
            return;
        }
        Optional<Session> session = sessions.find(ctx.cookie(Cookies.SESSION));
        if (session.isEmpty()) {
            if ("GET".equals(ctx.method().name()) && !path.endsWith(".json") && !path.equals("/events")) {
                ctx.redirect("/login", HttpStatus.SEE_OTHER);
                ctx.skipRemainingHandlers();
                return;
            }
            refuse(ctx, HttpStatus.UNAUTHORIZED, "sign in first");
            return;
        }
        Session s = session.get();
        if (stateChanging) {
            String given = ctx.header(CSRF_HEADER);
            if (given == null) {
                given = ctx.formParam(CSRF_FIELD);
            }
            if (!Requests.same(s.csrfToken(), given)) {
                refuse(ctx, HttpStatus.FORBIDDEN, "missing or wrong CSRF token");
                return;
            }
        }
        ctx.attribute(SESSION, s);
        ctx.attribute(VIEWER, new Viewer(s.secretariat(), lang(ctx), s.csrfToken()));
    }

    /** {@code ?lang=en|ja} switches and is remembered in a cookie; the cookie decides otherwise; Japanese default. */
    private static Lang lang(Context ctx) {
        String asked = ctx.queryParam("lang");
        if (asked != null && (asked.equals("en") || asked.equals("ja"))) {
            Cookies.setLang(ctx, asked);
            return Lang.of(asked);
        }
        return Lang.of(ctx.cookie(Cookies.LANG));
    }

    private static void refuse(Context ctx, HttpStatus status, String detail) {
        ctx.status(status).contentType("application/problem+json")
                .result("{\"title\":\"" + status.getMessage() + "\",\"status\":" + status.getCode()
                        + ",\"detail\":\"" + detail + "\"}");
        ctx.skipRemainingHandlers();
    }

    public static Viewer viewer(Context ctx) {
        Viewer v = ctx.attribute(VIEWER);
        if (v == null) {
            throw new IllegalStateException("route " + ctx.path() + " reached without a session (gate not installed?)");
        }
        return v;
    }

    public static Session session(Context ctx) {
        Session s = ctx.attribute(SESSION);
        if (s == null) {
            throw new IllegalStateException("route " + ctx.path() + " reached without a session");
        }
        return s;
    }

    public static Lang langOf(Context ctx) {
        Lang l = ctx.attribute(LANG);
        return l == null ? Lang.JA : l;
    }

    /** The same 404 page whether the incident does not exist or the viewer may not see it. */
    public static String notFoundPage(Viewer v) {
        return Layout.page(v, v.lang().pick("見つかりません", "Not found"), "",
                "<h1 id=\"not-found\">" + Html.esc(v.lang().pick("見つかりません", "Not found")) + "</h1><p>"
                        + Html.esc(v.lang().pick("このインシデントは表示できません。", "There is no such incident for you."))
                        + "</p>");
    }
}
