package org.anshin.console;

/**
 * The frame of every signed-in page: header with the navigation (board, drills, advisories, review), the language
 * switch, who is signed in and the sign-out form (with the session's CSRF token). Scripts and styles come from the
 * console itself ({@code /static/}): the Content-Security-Policy allows nothing else and no inline script.
 */
public final class Layout {
    /** The {@code activeNav} names. */
    public static final String BOARD = "board";
    public static final String DRILLS = "drills";
    public static final String ADVISORIES = "advisories";
    public static final String REVIEW = "review";

    private Layout() {
    }

    /**
     * A full HTML page. {@code bodyHtml} is already escaped HTML; {@code title} is plain text. With
     * {@code activeNav} = {@link #DRILLS} the page carries the drill banner and colour.
     */
    public static String page(Viewer v, String title, String activeNav, String bodyHtml) {
        Lang l = v.lang();
        boolean drills = DRILLS.equals(activeNav);
        StringBuilder h = new StringBuilder(4096 + bodyHtml.length());
        h.append("<!DOCTYPE html>\n<html lang=\"").append(l.tag()).append("\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<meta name=\"csrf-token\" content=\"").append(Html.esc(v.csrfToken())).append("\">")
                .append("<title>").append(Html.esc(title)).append(" - Anshin</title>")
                .append("<link rel=\"stylesheet\" href=\"/static/console.css\">")
                .append("<script src=\"/static/console.js\" defer></script></head>")
                .append("<body class=\"").append(drills ? "drills" : "real").append("\">")
                .append("<header class=\"top\"><a class=\"brand\" href=\"/\">Anshin</a><nav>");
        nav(h, activeNav, BOARD, "/", l.pick("ボード", "Board"));
        nav(h, activeNav, DRILLS, "/?tab=drills", l.pick("訓練", "Drills"));
        nav(h, activeNav, ADVISORIES, "/advisories", l.pick("情報提供", "Advisories"));
        nav(h, activeNav, REVIEW, "/review", l.pick("年次レビュー", "Review"));
        h.append("</nav><div class=\"who\"><span class=\"secretariat\" id=\"who\">")
                .append(Html.esc(v.secretariat().name())).append(" (").append(Html.esc(v.secretariat().id()))
                .append(")</span> ")
                .append(l == Lang.JA ? "<a id=\"lang-switch\" href=\"?lang=en\" hreflang=\"en\">English</a>"
                        : "<a id=\"lang-switch\" href=\"?lang=ja\" hreflang=\"ja\">日本語</a>")
                .append(" <form class=\"logout\" method=\"post\" action=\"/logout\">")
                .append(csrfField(v))
                .append("<button type=\"submit\" id=\"logout\">").append(l.pick("サインアウト", "Sign out"))
                .append("</button></form></div></header>");
        if (drills) {
            h.append("<div class=\"drill-banner\" id=\"drill-banner\">")
                    .append(l.pick("訓練（演習）— 実際のインシデントではありません",
                            "DRILLS (exercise) - not real incidents"))
                    .append("</div>");
        }
        h.append("<main>").append(bodyHtml).append("</main></body></html>");
        return h.toString();
    }

    /** The hidden CSRF field every state-changing form must carry. */
    public static String csrfField(Viewer v) {
        return "<input type=\"hidden\" name=\"csrf\" value=\"" + Html.esc(v.csrfToken()) + "\">";
    }

    private static void nav(StringBuilder h, String active, String name, String href, String label) {
        h.append("<a href=\"").append(href).append("\" id=\"nav-").append(name).append('"')
                .append(name.equals(active) ? " class=\"active\" aria-current=\"page\"" : "")
                .append('>').append(Html.esc(label)).append("</a>");
    }
}
