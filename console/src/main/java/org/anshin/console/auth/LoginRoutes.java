package org.anshin.console.auth;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Optional;
import org.anshin.console.Html;
import org.anshin.console.Lang;
import org.anshin.console.http.Cookies;
import org.anshin.console.http.Gate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /login} (the form, one field {@code token}), {@code POST /login} (a new session, a new cookie: any
 * session the browser had is replaced, so a planted cookie id is never promoted) and {@code POST /logout}. Failed
 * sign-ins are throttled per client address; the log names the address and the secretariat, never the token.
 */
public final class LoginRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(LoginRoutes.class);
    private final Authenticator authenticator;
    private final Sessions sessions;
    private final LoginThrottle throttle;
    private final Counter ok;
    private final Counter failed;
    private final Counter throttled;

    public LoginRoutes(Authenticator authenticator, Sessions sessions, LoginThrottle throttle, MeterRegistry meters) {
        this.authenticator = authenticator;
        this.sessions = sessions;
        this.throttle = throttle;
        this.ok = Counter.builder("console.signins").tag("outcome", "ok").register(meters);
        this.failed = Counter.builder("console.signins").tag("outcome", "failed").register(meters);
        this.throttled = Counter.builder("console.signins").tag("outcome", "throttled").register(meters);
        io.micrometer.core.instrument.Gauge.builder("console.sessions", sessions, Sessions::size)
                .description("live sessions").register(meters);
    }

    public void form(Context ctx) {
        ctx.html(page(Gate.langOf(ctx), Optional.empty()));
    }

    public void signIn(Context ctx) {
        Lang l = Gate.langOf(ctx);
        String address = ctx.ip();
        Duration wait = throttle.waitFor(address);
        if (!wait.isZero() && !wait.isNegative()) {
            throttled.increment();
            ctx.header("Retry-After", String.valueOf(Math.max(1, wait.toSeconds())));
            ctx.status(HttpStatus.TOO_MANY_REQUESTS).html(page(l, Optional.of(l.pick(
                    "失敗が続いたため、しばらく待ってから再試行してください", "Too many failed sign-ins; wait and try again"))));
            return;
        }
        Optional<SignIn> signIn = authenticator.authenticate(ctx.formParam("token"));
        if (signIn.isEmpty()) {
            throttle.failed(address);
            failed.increment();
            LOG.info("failed sign-in from {}", address);
            ctx.status(HttpStatus.UNAUTHORIZED).html(page(l, Optional.of(l.pick("トークンが正しくありません",
                    "That token is not valid"))));
            return;
        }
        sessions.find(ctx.cookie(Cookies.SESSION)).ifPresent(sessions::remove);
        Session s = sessions.create(signIn.get());
        ok.increment();
        LOG.info("secretariat {} signed in from {}", s.secretariat().id(), address);
        Cookies.setSession(ctx, s.id(), sessions.absolute());
        ctx.redirect("/", HttpStatus.SEE_OTHER);
    }

    /** Reached only through the gate, so the CSRF token was checked. */
    public void signOut(Context ctx) {
        Session s = Gate.session(ctx);
        sessions.remove(s);
        Cookies.clearSession(ctx);
        LOG.info("secretariat {} signed out", s.secretariat().id());
        ctx.redirect("/login", HttpStatus.SEE_OTHER);
    }

    static String page(Lang l, Optional<String> error) {
        return "<!DOCTYPE html>\n<html lang=\"" + l.tag() + "\"><head><meta charset=\"utf-8\"><title>"
                + l.pick("サインイン", "Sign in") + " - Anshin</title><link rel=\"stylesheet\" href=\"/static/console.css\">"
                + "</head><body class=\"login\"><main><h1>Anshin " + l.pick("事務局コンソール", "secretariat console")
                + "</h1>" + error.map(e -> "<p id=\"login-error\" class=\"error\">" + Html.esc(e) + "</p>").orElse("")
                + "<form id=\"login\" method=\"post\" action=\"/login\"><label>"
                + l.pick("事務局トークン", "Secretariat token")
                + " <input type=\"password\" name=\"token\" id=\"token\" autocomplete=\"off\" required></label> "
                + "<button type=\"submit\" id=\"sign-in\">" + l.pick("サインイン", "Sign in") + "</button></form>"
                + "<p>" + (l == Lang.JA ? "<a href=\"?lang=en\">English</a>" : "<a href=\"?lang=ja\">日本語</a>")
                + "</p></main></body></html>";
    }
}
