package org.anshin.console.pages;

import static org.anshin.console.Html.esc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import org.anshin.common.config.SectorLevel;
import org.anshin.common.config.Secretariat;
import org.anshin.common.config.VerificationLevels;
import org.anshin.console.IngestAnswer;
import org.anshin.console.IngestCalls;
import org.anshin.console.Lang;
import org.anshin.console.Viewer;

/**
 * Composing an advisory (情報提供): the form, for the secretariats that may issue (secretariats.yaml: NISC, a
 * ministry, a CEPTOAR secretariat with sectors of its own; the council issues nothing), and its submission to
 * ingest-service's {@code POST /v1/advisories} with the signed-in secretariat's token. ingest validates (one set
 * of rules, docs/ADVISORIES.md): this class only turns the form into the JSON body and maps the answer.
 *
 * <p>Form fields: {@code csrf}, {@code advisoryId} (hidden: made when the form is first shown and kept through
 * re-shows, so a resubmission after a lost answer or a 503 is the same advisory), {@code title}, {@code body},
 * {@code severity}, {@code tlp}, {@code sector.<code>} per sector and {@code sector.all} (one checkbox each, so a
 * single-valued map carries them), {@code references} and {@code relatedIncidentIds} (one per line),
 * {@code exercise}, {@code expiresAt} (a {@code datetime-local} in Japan time).
 */
public final class AdvisoryCompose {
    static final String SECTOR_PREFIX = "sector.";
    static final String ALL = "all";
    private static final Pattern LIST_SEPARATORS = Pattern.compile("[\\s,]+");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What became of a submission; when not accepted, show {@code form(viewer, values, errors)} again. */
    public record Outcome(Kind kind, String advisoryId, String message, List<String> errors,
                          Map<String, String> values) {
        public Outcome {
            errors = List.copyOf(errors);
            values = Map.copyOf(values);
        }

        public boolean accepted() {
            return kind == Kind.ACCEPTED;
        }
    }

    public enum Kind { ACCEPTED, INVALID, FORBIDDEN, UNAVAILABLE }

    private final VerificationLevels levels;
    private final String action;

    /** @param action where the form posts (the console server's route) */
    public AdvisoryCompose(VerificationLevels levels, String action) {
        this.levels = levels;
        this.action = action;
    }

    /** Whether the viewer may issue at all: any sector to advise (the council's secretariat has none). */
    public static boolean mayIssue(Viewer viewer) {
        Secretariat s = viewer.secretariat();
        return s.allSectors() || !s.sectors().isEmpty();
    }

    /**
     * The form, or for a viewer who may not issue a sentence saying so (no form, no token).
     *
     * @param errors as {@link Outcome#errors()}: {@code field: message} for a field (shown next to it), anything
     *               else above the form
     */
    public String form(Viewer viewer, Map<String, String> previousValues, List<String> errors) {
        Lang lang = viewer.lang();
        if (!mayIssue(viewer)) {
            return "<p class=\"compose-none\">" + lang.pick("この事務局は情報提供を発出できません（担当分野がありません）。",
                    "This secretariat may not issue advisories (it advises no sector).") + "</p>\n";
        }
        Map<String, String> v = previousValues == null ? Map.of() : previousValues;
        Map<String, List<String>> byField = new LinkedHashMap<>();
        List<String> general = new ArrayList<>();
        for (String e : errors == null ? List.<String>of() : errors) {
            String field = fieldOf(e);
            if (field == null) {
                general.add(e);
            } else {
                byField.computeIfAbsent(field, k -> new ArrayList<>()).add(e);
            }
        }
        String id = v.getOrDefault("advisoryId", "").isBlank() ? UUID.randomUUID().toString() : v.get("advisoryId");
        StringBuilder h = new StringBuilder(4096);
        h.append("<section class=\"compose\">\n<h2>").append(lang.pick("情報提供を発出", "Issue an advisory")).append("</h2>\n");
        if (!general.isEmpty() || !byField.isEmpty()) {
            h.append("<div class=\"errors\" role=\"alert\"><p>")
                    .append(lang.pick("発出できませんでした。内容を確認してください。", "Not issued: please check the form."))
                    .append("</p><ul>\n");
            general.forEach(e -> h.append("<li>").append(esc(e)).append("</li>\n"));
            h.append("</ul></div>\n");
        }
        h.append("<form method=\"post\" action=\"").append(esc(action)).append("\" class=\"compose-form\">\n")
                .append("<input type=\"hidden\" name=\"csrf\" value=\"").append(esc(viewer.csrfToken())).append("\">\n")
                .append("<input type=\"hidden\" name=\"advisoryId\" value=\"").append(esc(id)).append("\">\n");

        label(h, "title", lang.pick("件名", "Title"));
        h.append("<input type=\"text\" id=\"f-title\" name=\"title\" maxlength=\"200\" required value=\"")
                .append(esc(v.getOrDefault("title", ""))).append("\">\n");
        fieldErrors(h, byField, "title");

        label(h, "body", lang.pick("本文", "Text"));
        h.append("<textarea id=\"f-body\" name=\"body\" rows=\"8\" maxlength=\"20000\" required>")
                .append(esc(v.getOrDefault("body", ""))).append("</textarea>\n");
        fieldErrors(h, byField, "body");

        label(h, "severity", lang.pick("重要度", "Severity"));
        h.append("<select id=\"f-severity\" name=\"severity\">\n");
        for (String s : List.of("INFO", "WARNING", "CRITICAL")) {
            option(h, s, s + " (" + Formats.severity(org.anshin.schemas.AdvisorySeverity.valueOf(s), lang) + ")",
                    s.equals(v.getOrDefault("severity", "WARNING")));
        }
        h.append("</select>\n");
        fieldErrors(h, byField, "severity");

        label(h, "tlp", "TLP");
        h.append("<select id=\"f-tlp\" name=\"tlp\">\n");
        for (String t : List.of("CLEAR", "GREEN", "AMBER", "AMBER+STRICT")) {
            option(h, t, "TLP:" + t, t.equals(v.getOrDefault("tlp", "AMBER")));
        }
        h.append("</select>\n<p class=\"hint\">").append(lang.pick(
                "AMBER+STRICT はセプター事務局のみに届き、事業者には届きません。TLP:RED は Anshin では共有できません。",
                "AMBER+STRICT reaches the CEPTOAR secretariats only, never operators. TLP:RED is not shared through"
                        + " Anshin.")).append("</p>\n");
        fieldErrors(h, byField, "tlp");

        h.append("<fieldset id=\"f-sectors\"><legend>").append(lang.pick("対象分野", "Sectors")).append("</legend>\n");
        Secretariat s = viewer.secretariat();
        if (s.allSectors()) {
            checkbox(h, SECTOR_PREFIX + ALL, lang.pick("全分野", "All sectors"), v);
        }
        for (SectorLevel l : levels.bySector().values()) {
            if (s.mayAdvise(l.sector())) {
                checkbox(h, SECTOR_PREFIX + l.sector(), l.sector() + " (" + l.name() + ")", v);
            }
        }
        h.append("</fieldset>\n");
        fieldErrors(h, byField, "sectors");

        label(h, "references", lang.pick("参考URL（1行に1つ、http(s)）", "References (one http(s) URL a line)"));
        h.append("<textarea id=\"f-references\" name=\"references\" rows=\"3\">")
                .append(esc(v.getOrDefault("references", ""))).append("</textarea>\n");
        fieldErrors(h, byField, "references");

        label(h, "relatedIncidentIds", lang.pick("関連インシデント（1行に1つ）", "Related incidents (one a line)"));
        h.append("<textarea id=\"f-relatedIncidentIds\" name=\"relatedIncidentIds\" rows=\"2\">")
                .append(esc(v.getOrDefault("relatedIncidentIds", ""))).append("</textarea>\n");
        fieldErrors(h, byField, "relatedIncidentIds");

        label(h, "expiresAt", lang.pick("有効期限（日本時間、任意）", "Expires at (Japan time, optional)"));
        h.append("<input type=\"datetime-local\" id=\"f-expiresAt\" name=\"expiresAt\" value=\"")
                .append(esc(v.getOrDefault("expiresAt", ""))).append("\">\n");
        fieldErrors(h, byField, "expiresAt");

        checkbox(h, "exercise", lang.pick("演習（exercise.advisories にのみ書き込み）",
                "Drill (written to exercise.advisories only)"), v);
        fieldErrors(h, byField, "exercise");
        fieldErrors(h, byField, "advisoryId");

        h.append("<button type=\"submit\">").append(lang.pick("発出する", "Issue")).append("</button>\n</form>\n</section>\n");
        return h.toString();
    }

    /**
     * Posts the form as ingest's JSON body to {@code /v1/advisories} with {@code bearerToken} (never written into
     * an outcome or a message). The console server has checked the CSRF token already.
     */
    public CompletableFuture<Outcome> submit(Viewer viewer, String bearerToken, Map<String, String> form,
                                             IngestCalls ingest) {
        Lang lang = viewer.lang();
        Map<String, String> values = new LinkedHashMap<>(form);
        values.remove("csrf");
        if (values.getOrDefault("advisoryId", "").isBlank()) {
            values.put("advisoryId", UUID.randomUUID().toString());
        }
        String advisoryId = values.get("advisoryId");
        if (!mayIssue(viewer)) {
            String m = lang.pick("この事務局は情報提供を発出できません。", "This secretariat may not issue advisories.");
            return CompletableFuture.completedFuture(new Outcome(Kind.FORBIDDEN, advisoryId, m, List.of(m), values));
        }
        String body;
        try {
            body = JSON.writeValueAsString(body(values));
        } catch (IOException e) {
            throw new IllegalStateException("a tree of strings always serializes", e);
        }
        CompletableFuture<IngestAnswer> call;
        try {
            call = ingest.post("/v1/advisories", bearerToken, body);
        } catch (RuntimeException e) {
            call = CompletableFuture.failedFuture(e);
        }
        return call.handle((answer, error) -> error != null
                ? unavailable(lang, advisoryId, values, lang.pick("ingest-service が応答しませんでした",
                        "ingest-service did not answer") + " (" + rootName(error) + ")")
                : outcome(lang, advisoryId, values, answer));
    }

    /** ingest's body from the form values (validation is ingest's: a bad value comes back as a field error). */
    ObjectNode body(Map<String, String> v) {
        ObjectNode b = JSON.createObjectNode();
        b.put("advisoryId", v.get("advisoryId").strip());
        putText(b, "title", v.get("title") == null ? null : v.get("title").strip());
        putText(b, "body", v.get("body") == null ? null : v.get("body").replace("\r\n", "\n"));
        putText(b, "severity", v.get("severity"));
        putText(b, "tlp", v.get("tlp"));
        ArrayNode sectors = b.putArray("sectors");
        if (checked(v, SECTOR_PREFIX + ALL)) {
            sectors.add(ALL);
        } else {
            for (String sector : levels.bySector().keySet()) {
                if (checked(v, SECTOR_PREFIX + sector)) {
                    sectors.add(sector);
                }
            }
        }
        list(b.putArray("references"), v.get("references"));
        list(b.putArray("relatedIncidentIds"), v.get("relatedIncidentIds"));
        b.put("exercise", checked(v, "exercise"));
        String expires = v.getOrDefault("expiresAt", "").strip();
        if (expires.isEmpty()) {
            b.putNull("expiresAt");
        } else {
            b.put("expiresAt", jst(expires));
        }
        return b;
    }

    /** {@code datetime-local} (2026-12-31T23:59) is Japan time; anything else goes as typed, for ingest to judge. */
    static String jst(String local) {
        try {
            return LocalDateTime.parse(local).atZone(Formats.JST).toOffsetDateTime().toString();
        } catch (DateTimeParseException e) {
            return local;
        }
    }

    private Outcome outcome(Lang lang, String advisoryId, Map<String, String> values, IngestAnswer answer) {
        JsonNode problem = tree(answer.body());
        String detail = problem.path("detail").asText("");
        switch (answer.status()) {
            case 200, 202 -> {
                String id = problem.path("advisoryId").asText(advisoryId);
                return new Outcome(Kind.ACCEPTED, id, lang.pick("情報提供を受け付けました: ", "Advisory accepted: ") + id,
                        List.of(), Map.of());
            }
            case 400, 413 -> {
                List<String> errors = new ArrayList<>();
                for (JsonNode e : problem.path("errors")) {
                    errors.add(e.path("field").asText("") + ": " + e.path("message").asText(""));
                }
                if (errors.isEmpty()) {
                    errors.add(detail.isEmpty() ? lang.pick("内容が正しくありません", "The advisory is not valid") : detail);
                }
                return new Outcome(Kind.INVALID, advisoryId, lang.pick("内容が正しくありません", "The advisory is not valid"),
                        errors, values);
            }
            case 401, 403 -> {
                String m = answer.status() == 401
                        ? lang.pick("認証が受け付けられませんでした。サインインし直してください。",
                                "Your sign-in was not accepted by ingest-service: sign in again.")
                        : lang.pick("発出が拒否されました", "Refused") + (detail.isEmpty() ? "" : ": " + detail);
                return new Outcome(Kind.FORBIDDEN, advisoryId, m, List.of(m), values);
            }
            case 429 -> {
                return unavailable(lang, advisoryId, values, lang.pick("リクエストが多すぎます",
                        "Too many requests") + (detail.isEmpty() ? "" : ": " + detail));
            }
            default -> {
                return unavailable(lang, advisoryId, values, "HTTP " + answer.status()
                        + (detail.isEmpty() ? "" : ": " + detail));
            }
        }
    }

    private static Outcome unavailable(Lang lang, String advisoryId, Map<String, String> values, String why) {
        String m = lang.pick("現在発出できません（" + why + "）。同じ内容のまま後で再送してください（同じ ID で重複しません）。",
                "Not issued for now (" + why + "). Send it again later unchanged: the same advisoryId cannot be"
                        + " issued twice.");
        return new Outcome(Kind.UNAVAILABLE, advisoryId, m, List.of(m), values);
    }

    /** The form field an error of ingest's names: {@code sectors[2]: ...} belongs next to {@code sectors}. */
    static String fieldOf(String error) {
        int colon = error.indexOf(": ");
        if (colon <= 0) {
            return null;
        }
        String field = error.substring(0, colon);
        int bracket = field.indexOf('[');
        field = bracket > 0 ? field.substring(0, bracket) : field;
        return switch (field) {
            case "advisoryId", "title", "body", "severity", "tlp", "sectors", "references", "relatedIncidentIds",
                 "exercise", "expiresAt" -> field;
            default -> null;
        };
    }

    private static JsonNode tree(String body) {
        try {
            JsonNode n = body == null || body.isBlank() ? null : JSON.readTree(body);
            return n == null ? JSON.createObjectNode() : n;
        } catch (IOException e) {
            return JSON.createObjectNode(); // not JSON (a proxy's page): the status alone decides
        }
    }

    private static String rootName(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName(); // never the message: it could carry a URL or a header
    }

    private static void putText(ObjectNode b, String field, String value) {
        if (value != null && !value.isEmpty()) {
            b.put(field, value);
        }
    }

    private static void list(ArrayNode out, String text) {
        if (text == null) {
            return;
        }
        for (String item : LIST_SEPARATORS.split(text.strip())) {
            if (!item.isEmpty()) {
                out.add(item);
            }
        }
    }

    private static boolean checked(Map<String, String> v, String name) {
        String s = v.get(name);
        return s != null && (s.equals("on") || s.equals("true"));
    }

    private static void label(StringBuilder h, String field, String text) {
        h.append("<label for=\"f-").append(field).append("\">").append(esc(text)).append("</label>\n");
    }

    private static void option(StringBuilder h, String value, String text, boolean selected) {
        h.append("<option value=\"").append(esc(value)).append('"').append(selected ? " selected" : "").append('>')
                .append(esc(text)).append("</option>\n");
    }

    private static void checkbox(StringBuilder h, String name, String text, Map<String, String> v) {
        String id = "f-" + name.replace('.', '-');
        h.append("<label for=\"").append(esc(id)).append("\"><input type=\"checkbox\" id=\"").append(esc(id))
                .append("\" name=\"").append(esc(name)).append("\" value=\"on\"").append(checked(v, name) ? " checked" : "")
                .append("> ").append(esc(text)).append("</label>\n");
    }

    private static void fieldErrors(StringBuilder h, Map<String, List<String>> byField, String field) {
        for (String e : byField.getOrDefault(field, List.of())) {
            h.append("<p class=\"field-error\" data-field=\"").append(esc(field)).append("\">").append(esc(e)).append("</p>\n");
        }
    }
}
