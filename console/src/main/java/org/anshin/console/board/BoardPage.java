package org.anshin.console.board;

import java.util.List;
import org.anshin.common.config.VerificationLevels;
import org.anshin.console.Html;
import org.anshin.console.Labels;
import org.anshin.console.Lang;
import org.anshin.console.Layout;
import org.anshin.console.Viewer;
import org.anshin.schemas.Tlp;

/**
 * The board: filters (a GET form) and the table, rendered on the server; {@code /static/console.js} then listens
 * to {@code /events} and rebuilds the table body from {@code /board.json} with the same filters, as text only.
 */
public final class BoardPage {
    private final VerificationLevels levels;

    public BoardPage(VerificationLevels levels) {
        this.levels = levels;
    }

    public String render(Viewer v, BoardFilter f, List<BoardRow> rows) {
        Lang l = v.lang();
        StringBuilder b = new StringBuilder(8192);
        b.append("<h1>").append(f.drills() ? l.pick("訓練インシデント", "Drill incidents")
                : l.pick("インシデント・ボード", "Incident board")).append("</h1>");
        filters(b, l, f);
        b.append("<p class=\"live\"><span id=\"live-state\" data-on=\"").append(l.pick("自動更新中", "live"))
                .append("\" data-off=\"").append(l.pick("接続を再試行中", "reconnecting")).append("\">")
                .append(l.pick("読み込み中", "loading")).append("</span> · <span id=\"row-count\">").append(rows.size())
                .append("</span> ").append(l.pick("件", "incident(s)")).append("</p>");
        b.append("<table id=\"board\" class=\"board\" data-json=\"/board.json")
                .append(f.query().isEmpty() ? "" : "?" + Html.esc(f.query())).append("\"><thead><tr>");
        for (String h : List.of(l.pick("分野", "Sector"), l.pick("分類", "Classification"), l.pick("経過", "Age"),
                "TLP", l.pick("最新の通知", "Last notice"), l.pick("状態", "Status"),
                l.pick("確認", "Acknowledged"), l.pick("概要", "Summary"))) {
            b.append("<th>").append(Html.esc(h)).append("</th>");
        }
        b.append("</tr></thead><tbody id=\"board-rows\">");
        for (BoardRow r : rows) {
            row(b, l, r);
        }
        b.append("</tbody></table>");
        if (rows.isEmpty()) {
            b.append("<p id=\"empty\" class=\"empty\">").append(l.pick("該当するインシデントはありません",
                    "No incidents match")).append("</p>");
        }
        return Layout.page(v, f.drills() ? l.pick("訓練", "Drills") : l.pick("ボード", "Board"),
                f.drills() ? Layout.DRILLS : Layout.BOARD, b.toString());
    }

    /** The same cells console.js builds from JSON; both must stay in step (the browser test checks the result). */
    static void row(StringBuilder b, Lang l, BoardRow r) {
        b.append("<tr class=\"incident ").append(r.open() ? "open" : "resolved")
                .append(r.classification().startsWith("EXCEEDS") ? " exceeds" : "").append("\" data-key=\"")
                .append(Html.esc(r.incidentKey())).append("\">");
        b.append("<td><a href=\"").append(Html.esc(r.url())).append("\">").append(Html.esc(r.sectorName()))
                .append("</a></td>");
        b.append("<td>").append(Html.esc(r.classificationLabel())).append("</td>");
        b.append("<td title=\"").append(Html.esc(r.occurredAt())).append("\">").append(Html.esc(r.age())).append("</td>");
        b.append("<td class=\"tlp\">").append(Html.esc(r.tlp())).append("</td>");
        b.append("<td>").append(Html.esc(r.lastNotice())).append(r.escalationTier() > 1 ? " ↑" + r.escalationTier() : "")
                .append(" <small>").append(Html.esc(r.lastNoticeAt())).append("</small></td>");
        b.append("<td>").append(Html.esc(r.statusLabel())).append("</td>");
        b.append("<td class=\"ack\">").append(Html.esc(BoardJson.ackText(l, r))).append("</td>");
        b.append("<td>").append(Html.esc(r.summary())).append("</td></tr>");
    }

    private void filters(StringBuilder b, Lang l, BoardFilter f) {
        b.append("<form id=\"filters\" class=\"filters\" method=\"get\" action=\"/\">");
        if (f.drills()) {
            b.append("<input type=\"hidden\" name=\"tab\" value=\"drills\">");
        }
        b.append("<label>").append(l.pick("分野", "Sector")).append(" <select name=\"sector\"><option value=\"\">")
                .append(l.pick("すべて", "all")).append("</option>");
        levels.bySector().values().forEach(s -> b.append("<option value=\"").append(Html.esc(s.sector())).append('"')
                .append(f.sector().filter(s.sector()::equals).isPresent() ? " selected" : "").append('>')
                .append(Html.esc(s.name())).append("</option>"));
        b.append("</select></label> ");
        select(b, l.pick("分類", "Classification"), "classification", f.classification().map(c ->
                        c.name().startsWith("EXCEEDS") ? "exceeds" : "below").orElse(""),
                new String[][] {{"", l.pick("すべて", "all")}, {"exceeds", l.pick("超過", "exceeds")},
                        {"below", l.pick("未満", "below")}});
        select(b, l.pick("状態", "State"), "state", f.state(), new String[][] {
                {"open", l.pick("対応中", "open")}, {"resolved", l.pick("解決済", "resolved")},
                {"all", l.pick("すべて", "all")}});
        String[][] tlps = new String[Tlp.values().length + 1][];
        tlps[0] = new String[] {"", l.pick("すべて", "all")};
        for (int i = 0; i < Tlp.values().length; i++) {
            tlps[i + 1] = new String[] {Tlp.values()[i].name(), Labels.tlp(Tlp.values()[i])};
        }
        select(b, "TLP", "tlp", f.tlp().map(Enum::name).orElse(""), tlps);
        b.append("<label>").append(l.pick("発生 から", "Occurred from")).append(" <input type=\"date\" name=\"from\" value=\"")
                .append(f.from().map(t -> java.time.LocalDate.ofInstant(t, Labels.JST).toString()).orElse(""))
                .append("\"></label> <label>").append(l.pick("まで", "to")).append(" <input type=\"date\" name=\"to\" value=\"")
                .append(f.to().map(t -> java.time.LocalDate.ofInstant(t.minusSeconds(1), Labels.JST).toString())
                        .orElse(""))
                .append("\"></label> <button type=\"submit\">").append(l.pick("絞り込み", "Filter")).append("</button></form>");
    }

    private static void select(StringBuilder b, String label, String name, String current, String[][] options) {
        b.append("<label>").append(Html.esc(label)).append(" <select name=\"").append(name).append("\">");
        for (String[] o : options) {
            b.append("<option value=\"").append(Html.esc(o[0])).append('"').append(o[0].equals(current) ? " selected" : "")
                    .append('>').append(Html.esc(o[1])).append("</option>");
        }
        b.append("</select></label> ");
    }
}
