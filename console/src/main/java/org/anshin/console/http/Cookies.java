package org.anshin.console.http;

import io.javalin.http.Context;
import java.time.Duration;

/**
 * The console's cookies, written by hand so every flag is visible here: the session cookie is HttpOnly,
 * SameSite=Strict, Path=/, Secure when the request came over TLS, and lives no longer than the session's
 * absolute lifetime.
 */
public final class Cookies {
    public static final String SESSION = "anshin_session";
    public static final String LANG = "anshin_lang";

    private Cookies() {
    }

    public static void setSession(Context ctx, String id, Duration maxAge) {
        ctx.res().addHeader("Set-Cookie", SESSION + "=" + id + "; Path=/; Max-Age=" + maxAge.toSeconds()
                + "; HttpOnly; SameSite=Strict" + (Requests.secure(ctx) ? "; Secure" : ""));
    }

    public static void clearSession(Context ctx) {
        ctx.res().addHeader("Set-Cookie", SESSION + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict"
                + (Requests.secure(ctx) ? "; Secure" : ""));
    }

    /** The language choice: no secret, but still HttpOnly (no script needs it). */
    public static void setLang(Context ctx, String tag) {
        ctx.res().addHeader("Set-Cookie", LANG + "=" + tag + "; Path=/; Max-Age=" + Duration.ofDays(365).toSeconds()
                + "; HttpOnly; SameSite=Lax" + (Requests.secure(ctx) ? "; Secure" : ""));
    }
}
