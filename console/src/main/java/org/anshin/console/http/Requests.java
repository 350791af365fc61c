package org.anshin.console.http;

import io.javalin.http.Context;
import java.net.URI;
import java.util.Locale;

/** What the console needs to know about where a request came from. */
public final class Requests {
    private Requests() {
    }

    /** Over TLS, directly or behind a proxy that says so ({@code X-Forwarded-Proto: https}). */
    public static boolean secure(Context ctx) {
        String forwarded = ctx.header("X-Forwarded-Proto");
        if (forwarded != null && forwarded.strip().toLowerCase(Locale.ROOT).startsWith("https")) {
            return true;
        }
        return "https".equalsIgnoreCase(ctx.scheme());
    }

    /** This console's own origin as the browser sees it: scheme and the Host header. */
    public static String ownOrigin(Context ctx) {
        String host = ctx.header("Host");
        return (secure(ctx) ? "https" : "http") + "://" + (host == null ? "" : host.strip().toLowerCase(Locale.ROOT));
    }

    /**
     * The same-origin check of state-changing requests: the Origin header when the browser sent one, else the
     * Referer's origin. A request with neither is refused (every current browser sends Origin on a POST).
     */
    public static boolean sameOrigin(Context ctx) {
        String own = ownOrigin(ctx);
        String origin = ctx.header("Origin");
        if (origin != null && !origin.isBlank() && !"null".equals(origin)) {
            return own.equals(origin.strip().toLowerCase(Locale.ROOT));
        }
        String referer = ctx.header("Referer");
        if (referer == null || referer.isBlank()) {
            return false;
        }
        try {
            URI u = URI.create(referer.strip());
            if (u.getScheme() == null || u.getRawAuthority() == null) {
                return false;
            }
            return own.equals((u.getScheme() + "://" + u.getRawAuthority()).toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Constant-time comparison of two secrets (CSRF tokens). */
    public static boolean same(String expected, String given) {
        if (expected == null || given == null) {
            return false;
        }
        return java.security.MessageDigest.isEqual(expected.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                given.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
