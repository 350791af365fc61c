package org.anshin.console.pages;

import static org.anshin.console.Html.esc;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.anshin.common.config.AnshinConfig;
import org.anshin.common.config.Secretariat;
import org.anshin.console.ConsoleData;
import org.anshin.console.Lang;
import org.anshin.console.Viewer;
import org.anshin.schemas.Advisory;
import org.anshin.schemas.AdvisoryRecord;
import org.anshin.schemas.DeliveryOutcome;
import org.anshin.schemas.RecordedFeedback;

/**
 * The advisories (情報提供) a secretariat may see, newest first, each with its delivery and feedback counts
 * ({@link Scope} decides which, {@link AdvisoryCounts} how much of the counts). Body HTML for the layout.
 */
public final class AdvisoriesPage {
    /** Newest issuedAt first; advisoryId (descending) orders equal times, as the advisory API does. */
    static final Comparator<AdvisoryRecord> NEWEST_FIRST = Comparator
            .comparing((AdvisoryRecord r) -> r.getAdvisory().getIssuedAt())
            .thenComparing(r -> r.getAdvisory().getAdvisoryId()).reversed();

    private final AnshinConfig config;

    public AdvisoriesPage(AnshinConfig config) {
        this.config = config;
    }

    /**
     * @param exercise drills ({@code exercise.advisories.record}) instead of the real advisories
     * @param now      to mark the advisories that expired (they stay listed for secretariats)
     */
    public String render(Viewer viewer, ConsoleData data, boolean exercise, Instant now) {
        Lang lang = viewer.lang();
        Scope scope = Scope.of(viewer, config.levels());
        List<AdvisoryRecord> visible = data.advisoryRecords(exercise).stream().filter(scope::sees)
                .sorted(NEWEST_FIRST).toList();
        StringBuilder h = new StringBuilder(4096);
        h.append("<section class=\"advisories\">\n<h1>").append(lang.pick("情報提供", "Advisories"));
        if (exercise) {
            h.append(" <span class=\"exercise\">").append(lang.pick("演習", "Drills")).append("</span>");
        }
        h.append("</h1>\n<p class=\"scope\">").append(esc(scopeNote(scope, lang))).append("</p>\n");
        if (visible.isEmpty()) {
            h.append("<p class=\"empty\">").append(lang.pick("表示できる情報提供はありません。", "No advisories to show."))
                    .append("</p>\n");
        }
        for (AdvisoryRecord r : visible) {
            advisory(h, r, scope, lang, now);
        }
        return h.append("</section>\n").toString();
    }

    private static String scopeNote(Scope scope, Lang lang) {
        if (scope.everything()) {
            return lang.pick("NISC: すべての情報提供を表示しています。", "NISC: every advisory is shown.");
        }
        if (scope.secretariat().ceptoarId().isPresent()) {
            return lang.pick("自セプターが発出したもの、および自セプター宛て（配信先に含まれるもの）を表示しています。"
                            + "発出元以外には、件数は自セプター分のみを表示し、事業者のフィードバック本文は表示しません。",
                    "Advisories your CEPTOAR issued and those sent to it. For advisories issued by others, the counts"
                            + " are your CEPTOAR's share only and operators' feedback text is not shown.");
        }
        return lang.pick("自組織が発出した情報提供を表示しています。", "Advisories you issued.");
    }

    private void advisory(StringBuilder h, AdvisoryRecord r, Scope scope, Lang lang, Instant now) {
        Advisory a = r.getAdvisory();
        AdvisoryCounts c = AdvisoryCounts.of(r, scope, config.operators());
        boolean expired = a.getExpiresAt() != null && !a.getExpiresAt().isAfter(now);
        h.append("<article class=\"advisory severity-").append(esc(a.getSeverity().name().toLowerCase(java.util.Locale.ROOT)))
                .append("\" data-advisory-id=\"").append(esc(a.getAdvisoryId())).append("\">\n");
        h.append("<h2>").append(esc(a.getTitle())).append("</h2>\n<dl class=\"facts\">\n");
        fact(h, lang.pick("重要度", "Severity"), Formats.severity(a.getSeverity(), lang));
        fact(h, "TLP", "TLP:" + Formats.tlp(a.getTlp()));
        fact(h, lang.pick("対象分野", "Sectors"), sectors(r, scope, lang));
        fact(h, lang.pick("発出元", "Issuer"), issuer(a));
        fact(h, lang.pick("発出日時", "Issued at"), Formats.time(a.getIssuedAt()));
        if (a.getExpiresAt() != null) {
            fact(h, lang.pick("有効期限", "Expires at"), Formats.time(a.getExpiresAt())
                    + (expired ? lang.pick("（期限切れ）", " (expired)") : ""));
        }
        fact(h, lang.pick("配信先セプター", "Recipients"), r.getRecipients().isEmpty() ? "-"
                : String.join(", ", scope.seesWhole(r) ? r.getRecipients() : List.of(scope.id())));
        h.append("</dl>\n");

        String share = c.partial() ? lang.pick("（自セプター分）", " (your CEPTOAR's share)") : "";
        h.append("<table class=\"counts\"><thead><tr><th>").append(lang.pick("配信", "Deliveries")).append(esc(share))
                .append("</th><th>").append(lang.pick("配信済", "delivered")).append("</th><th>")
                .append(lang.pick("失敗", "failed")).append("</th><th>").append(lang.pick("スキップ", "skipped"))
                .append("</th><th>").append(lang.pick("フィードバック", "Feedback")).append(esc(share)).append("</th><th>")
                .append(lang.pick("有用", "useful")).append("</th><th>").append(lang.pick("有用でない", "not useful"))
                .append("</th><th>").append(lang.pick("未回答", "no answer")).append("</th></tr></thead>\n<tbody><tr><td></td>");
        for (DeliveryOutcome o : List.of(DeliveryOutcome.DELIVERED, DeliveryOutcome.FAILED, DeliveryOutcome.SKIPPED)) {
            h.append("<td class=\"num delivery-").append(o.name().toLowerCase(java.util.Locale.ROOT)).append("\">")
                    .append(c.deliveries().getOrDefault(o, 0)).append("</td>");
        }
        h.append("<td></td><td class=\"num feedback-useful\">").append(c.useful())
                .append("</td><td class=\"num feedback-not-useful\">").append(c.notUseful())
                .append("</td><td class=\"num feedback-no-answer\">").append(c.noAnswer()).append("</td></tr></tbody></table>\n");

        h.append("<details class=\"body\"><summary>").append(lang.pick("本文", "Text")).append("</summary>\n<div class=\"text\">")
                .append(esc(a.getBody()).replace("\n", "<br>\n")).append("</div>\n");
        if (!a.getReferences().isEmpty()) {
            h.append("<ul class=\"references\">\n");
            for (String ref : a.getReferences()) {
                h.append("<li>").append(link(ref)).append("</li>\n");
            }
            h.append("</ul>\n");
        }
        if (!a.getRelatedIncidentIds().isEmpty()) {
            h.append("<p class=\"related\">").append(lang.pick("関連インシデント: ", "Related incidents: "))
                    .append(esc(String.join(", ", a.getRelatedIncidentIds()))).append("</p>\n");
        }
        h.append("</details>\n");
        if (scope.seesWhole(r) && !r.getFeedback().isEmpty()) {
            feedback(h, r, lang);
        }
        h.append("</article>\n");
    }

    /** Operators' answers, text included: only for the issuer and NISC (the API's whole record). */
    private static void feedback(StringBuilder h, AdvisoryRecord r, Lang lang) {
        h.append("<details class=\"feedback\"><summary>").append(lang.pick("事業者からのフィードバック", "Operators' feedback"))
                .append(" (").append(r.getFeedback().size()).append(")</summary>\n<table><thead><tr><th>")
                .append(lang.pick("事業者", "Operator")).append("</th><th>").append(lang.pick("有用", "Useful"))
                .append("</th><th>").append(lang.pick("対応", "Action taken")).append("</th><th>")
                .append(lang.pick("コメント", "Comment")).append("</th><th>").append(lang.pick("日時", "At"))
                .append("</th></tr></thead><tbody>\n");
        for (RecordedFeedback f : r.getFeedback().stream().sorted(Comparator.comparing(RecordedFeedback::getAt)).toList()) {
            h.append("<tr><td>").append(esc(f.getOperatorId())).append("</td><td>")
                    .append(f.getUseful() ? lang.pick("はい", "yes") : lang.pick("いいえ", "no")).append("</td><td>")
                    .append(esc(f.getActionTaken())).append("</td><td>").append(esc(f.getComment())).append("</td><td>")
                    .append(esc(Formats.time(f.getAt()))).append("</td></tr>\n");
        }
        h.append("</tbody></table></details>\n");
    }

    /**
     * The whole list for the issuer and NISC; a recipient sees what its notice says: the addressed sectors it
     * serves (routing's {@code AdvisoryNotice.sectors}), not the other CEPTOARs' sectors.
     */
    private static String sectors(AdvisoryRecord r, Scope scope, Lang lang) {
        Advisory a = r.getAdvisory();
        if (scope.seesWhole(r)) {
            return a.getAllSectors() ? lang.pick("全分野", "all sectors") : String.join(", ", a.getSectors());
        }
        List<String> own = a.getSectors().stream().filter(scope.sectors()::contains).toList();
        return own.isEmpty() ? "-" : String.join(", ", own);
    }

    private String issuer(Advisory a) {
        String name = config.secretariats().of(a.getIssuerId()).map(Secretariat::name).orElse(a.getIssuerId());
        return name.equals(a.getIssuerId()) ? a.getIssuerId() : name + " (" + a.getIssuerId() + ")";
    }

    private static void fact(StringBuilder h, String term, String value) {
        h.append("<dt>").append(esc(term)).append("</dt><dd>").append(esc(value)).append("</dd>\n");
    }

    /** ingest accepts only http(s) URLs; anything else is shown as text, never as a link. */
    static String link(String url) {
        String lower = url.toLowerCase(java.util.Locale.ROOT);
        if (lower.startsWith("https://") || lower.startsWith("http://")) {
            return "<a href=\"" + esc(url) + "\" rel=\"noopener noreferrer\">" + esc(url) + "</a>";
        }
        return esc(url);
    }
}
