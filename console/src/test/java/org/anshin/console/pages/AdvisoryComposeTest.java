package org.anshin.console.pages;

import static org.anshin.console.pages.Fixtures.viewer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.anshin.console.IngestAnswer;
import org.anshin.console.IngestCalls;
import org.anshin.console.Lang;
import org.junit.jupiter.api.Test;

class AdvisoryComposeTest {
    static final String ID = "5a3c2b1d-0e9f-4a8b-9c7d-6e5f4a3b2c1d";
    private final AdvisoryCompose compose = new AdvisoryCompose(Fixtures.CONFIG.levels(), "/advisories");

    /** A fake ingest that records what it was sent and answers with a fixed status and body. */
    static final class FakeIngest implements IngestCalls {
        final List<String[]> calls = new ArrayList<>();
        private final IngestAnswer answer;

        FakeIngest(int status, String body) {
            this.answer = new IngestAnswer(status, body);
        }

        @Override
        public CompletableFuture<IngestAnswer> post(String path, String bearerToken, String jsonBody) {
            calls.add(new String[] {path, bearerToken, jsonBody});
            return CompletableFuture.completedFuture(answer);
        }
    }

    static Map<String, String> form() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("csrf", "csrf-electricity");
        f.put("advisoryId", ID);
        f.put("title", "  Grid vendor phishing ");
        f.put("body", "line one\r\nline two");
        f.put("severity", "CRITICAL");
        f.put("tlp", "AMBER+STRICT");
        f.put("sector.electricity", "on");
        f.put("references", "https://www.nisc.go.jp/a\r\n\r\nhttps://example.org/b");
        f.put("relatedIncidentIds", "tepco-1, tepco-2");
        f.put("expiresAt", "2026-12-31T23:59");
        return f;
    }

    @Test
    void the_form_is_for_those_who_may_issue_with_the_csrf_token_and_only_their_sectors() {
        String mine = compose.form(viewer("electricity", Lang.JA), Map.of(), List.of());
        assertThat(mine).contains("<input type=\"hidden\" name=\"csrf\" value=\"csrf-electricity\">",
                "name=\"sector.electricity\"", "情報提供を発出").doesNotContain("name=\"sector.gas\"", "sector.all");
        assertThat(compose.form(viewer("nisc", Lang.EN), Map.of(), List.of()))
                .contains("name=\"sector.all\"", "name=\"sector.gas\"", "Issue an advisory");
        // the council's secretariat advises no sector: no form, no token
        String council = compose.form(viewer("council", Lang.EN), Map.of(), List.of());
        assertThat(council).doesNotContain("<form", "csrf").contains("may not issue");
    }

    @Test
    void accepted_posts_the_json_ingest_expects_with_the_token() throws Exception {
        FakeIngest ingest = new FakeIngest(202, "{\"advisoryId\":\"" + ID + "\",\"status\":\"accepted\"}");
        AdvisoryCompose.Outcome o = compose.submit(viewer("electricity", Lang.EN), "demo-secretariat-electricity", form(),
                ingest).get();
        assertThat(o.kind()).isEqualTo(AdvisoryCompose.Kind.ACCEPTED);
        assertThat(o.advisoryId()).isEqualTo(ID);
        assertThat(o.message()).doesNotContain("demo-secretariat-electricity");
        assertThat(ingest.calls).hasSize(1);
        assertThat(ingest.calls.get(0)[0]).isEqualTo("/v1/advisories");
        assertThat(ingest.calls.get(0)[1]).isEqualTo("demo-secretariat-electricity");
        JsonNode body = new ObjectMapper().readTree(ingest.calls.get(0)[2]);
        assertThat(body.path("advisoryId").asText()).isEqualTo(ID);
        assertThat(body.path("title").asText()).isEqualTo("Grid vendor phishing");
        assertThat(body.path("body").asText()).isEqualTo("line one\nline two");
        assertThat(body.path("severity").asText()).isEqualTo("CRITICAL");
        assertThat(body.path("tlp").asText()).isEqualTo("AMBER+STRICT");
        assertThat(body.path("sectors").toString()).isEqualTo("[\"electricity\"]");
        assertThat(body.path("references").toString()).isEqualTo("[\"https://www.nisc.go.jp/a\",\"https://example.org/b\"]");
        assertThat(body.path("relatedIncidentIds").toString()).isEqualTo("[\"tepco-1\",\"tepco-2\"]");
        assertThat(body.path("exercise").asBoolean(true)).isFalse();
        assertThat(body.path("expiresAt").asText()).isEqualTo("2026-12-31T23:59+09:00");
        assertThat(body.has("csrf")).isFalse();
    }

    @Test
    void a_400_puts_each_field_error_next_to_its_field_with_the_values_kept() throws Exception {
        FakeIngest ingest = new FakeIngest(400, "{\"type\":\"/problems/invalid-advisory\",\"status\":400,"
                + "\"detail\":\"2 field(s) are invalid, see errors\",\"errors\":["
                + "{\"field\":\"references[1]\",\"message\":\"must be an http(s) URL with a host\"},"
                + "{\"field\":\"title\",\"message\":\"must not be <blank>\"}]}");
        AdvisoryCompose.Outcome o = compose.submit(viewer("electricity", Lang.EN), "t", form(), ingest).get();
        assertThat(o.kind()).isEqualTo(AdvisoryCompose.Kind.INVALID);
        assertThat(o.errors()).containsExactly("references[1]: must be an http(s) URL with a host",
                "title: must not be <blank>");
        assertThat(o.values()).containsEntry("advisoryId", ID).containsEntry("sector.electricity", "on")
                .doesNotContainKey("csrf");
        String again = compose.form(viewer("electricity", Lang.EN), o.values(), o.errors());
        assertThat(again).contains("<p class=\"field-error\" data-field=\"references\">references[1]: must be an http(s)"
                        + " URL with a host</p>",
                "<p class=\"field-error\" data-field=\"title\">title: must not be &lt;blank&gt;</p>",
                "name=\"advisoryId\" value=\"" + ID + "\"", "value=\"  Grid vendor phishing \"",
                "name=\"sector.electricity\" value=\"on\" checked", "<option value=\"CRITICAL\" selected>");
        // the error is after the title field, the references one after the references field
        assertThat(again.indexOf("data-field=\"title\"")).isGreaterThan(again.indexOf("name=\"title\""))
                .isLessThan(again.indexOf("name=\"body\""));
    }

    @Test
    void a_403_and_a_503_are_clear_messages_and_keep_the_advisory_id_for_a_resend() throws Exception {
        FakeIngest forbidden = new FakeIngest(403, "{\"type\":\"/problems/forbidden-sector\",\"status\":403,"
                + "\"detail\":\"secretariat electricity may advise [electricity], not [gas]\"}");
        AdvisoryCompose.Outcome o = compose.submit(viewer("electricity", Lang.EN), "t", form(), forbidden).get();
        assertThat(o.kind()).isEqualTo(AdvisoryCompose.Kind.FORBIDDEN);
        assertThat(o.message()).contains("Refused", "not [gas]");
        assertThat(o.errors()).containsExactly(o.message());

        FakeIngest down = new FakeIngest(503, "{\"type\":\"/problems/unavailable\",\"status\":503,"
                + "\"detail\":\"Kafka did not acknowledge\"}");
        AdvisoryCompose.Outcome u = compose.submit(viewer("electricity", Lang.JA), "t", form(), down).get();
        assertThat(u.kind()).isEqualTo(AdvisoryCompose.Kind.UNAVAILABLE);
        assertThat(u.message()).contains("HTTP 503", "再送");
        assertThat(u.values()).containsEntry("advisoryId", ID);
        assertThat(compose.form(viewer("electricity", Lang.JA), u.values(), u.errors()))
                .contains("role=\"alert\"", "HTTP 503", "value=\"" + ID + "\"");
    }

    @Test
    void an_ingest_that_does_not_answer_is_unavailable_without_the_token_in_the_message() throws Exception {
        IngestCalls broken = (path, token, json) -> CompletableFuture.failedFuture(
                new java.net.ConnectException("connect to http://127.0.0.1:8080 with Bearer secret-token failed"));
        AdvisoryCompose.Outcome o = compose.submit(viewer("nisc", Lang.EN), "secret-token", form(), broken).get();
        assertThat(o.kind()).isEqualTo(AdvisoryCompose.Kind.UNAVAILABLE);
        assertThat(o.message()).contains("ConnectException").doesNotContain("secret-token");
    }

    @Test
    void a_viewer_who_may_not_issue_is_refused_without_a_call() throws Exception {
        FakeIngest ingest = new FakeIngest(202, "{}");
        AdvisoryCompose.Outcome o = compose.submit(viewer("council", Lang.EN), "t", form(), ingest).get();
        assertThat(o.kind()).isEqualTo(AdvisoryCompose.Kind.FORBIDDEN);
        assertThat(ingest.calls).isEmpty();
    }

    @Test
    void all_sectors_is_sent_alone() throws Exception {
        Map<String, String> f = form();
        f.put("sector.all", "on");
        f.put("expiresAt", "");
        FakeIngest ingest = new FakeIngest(202, "{\"advisoryId\":\"" + ID + "\"}");
        compose.submit(viewer("nisc", Lang.EN), "t", f, ingest).get();
        JsonNode body = new ObjectMapper().readTree(ingest.calls.get(0)[2]);
        assertThat(body.path("sectors").toString()).isEqualTo("[\"all\"]");
        assertThat(body.get("expiresAt").isNull()).isTrue();
    }
}
