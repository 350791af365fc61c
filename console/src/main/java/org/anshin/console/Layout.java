package org.anshin.console;

/** Stand-in (pages branch): the page around a body. */
public final class Layout {
    private Layout() {
    }

    public static String page(Viewer v, String title, String activeNav, String bodyHtml) {
        return "<!doctype html><html lang=\"" + v.lang().tag() + "\"><head><meta charset=\"utf-8\"><title>"
                + Html.esc(title) + "</title></head><body>" + bodyHtml + "</body></html>";
    }
}
