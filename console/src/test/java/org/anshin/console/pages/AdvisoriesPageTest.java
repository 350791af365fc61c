package org.anshin.console.pages;

import static org.anshin.console.pages.Fixtures.advisory;
import static org.anshin.console.pages.Fixtures.delivery;
import static org.anshin.console.pages.Fixtures.feedback;
import static org.anshin.console.pages.Fixtures.record;
import static org.anshin.console.pages.Fixtures.viewer;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.anshin.console.ConsoleData;
import org.anshin.console.Lang;
import org.anshin.schemas.AdvisoryRecord;
import org.anshin.schemas.DeliveryOutcome;
import org.anshin.schemas.Tlp;
import org.junit.jupiter.api.Test;

class AdvisoriesPageTest {
    static final Instant NOW = Instant.parse("2026-07-01T00:00:00Z");
    private final AdvisoriesPage page = new AdvisoriesPage(Fixtures.CONFIG);

    /** NISC to electricity and gas, with deliveries on both CEPTOARs' notices and feedback from both sectors. */
    static final AdvisoryRecord TO_ENERGY = record(
            advisory("11111111-1111-4111-8111-111111111111", "nisc", "nisc", "Phishing against grid vendors",
                    Tlp.GREEN, List.of("electricity", "gas"), "2026-06-01T00:00:00Z"),
            List.of("electricity", "gas"),
            List.of(delivery("electricity", "demo-electricity-operator/email", DeliveryOutcome.DELIVERED),
                    delivery("gas", "demo-gas-operator/email", DeliveryOutcome.DELIVERED),
                    delivery("gas", "gas-webhook", DeliveryOutcome.FAILED)),
            List.of(feedback("demo-electricity-operator", true, "electricity-says-thanks"),
                    feedback("demo-gas-operator", false, "gas-comment-private")));
    /** The banking CEPTOAR's own, to banking: nothing of it may reach the gas secretariat. */
    static final AdvisoryRecord BANKING_OWN = record(
            advisory("22222222-2222-4222-8222-222222222222", "banking", "ceptoar", "Banking-only wire fraud",
                    Tlp.AMBER, List.of("banking"), "2026-06-03T00:00:00Z"),
            List.of("banking"), List.of(delivery("banking", "demo-banking-operator/email", DeliveryOutcome.DELIVERED)),
            List.of());
    /** Secretariats only, to gas: the gas secretariat sees it, it addresses no operator. */
    static final AdvisoryRecord STRICT_TO_GAS = record(
            advisory("33333333-3333-4333-8333-333333333333", "nisc", "nisc", "<script>alert(1)</script>",
                    Tlp.AMBER_STRICT, List.of("gas"), "2026-06-02T00:00:00Z"),
            List.of("gas"), List.of(), List.of());
    static final ConsoleData DATA = Fixtures.data(List.of(), List.of(TO_ENERGY, BANKING_OWN, STRICT_TO_GAS));

    @Test
    void nisc_sees_every_advisory_newest_first_with_whole_counts_and_feedback_text() {
        String html = page.render(viewer("nisc", Lang.EN), DATA, false, NOW);
        assertThat(html).contains("Banking-only wire fraud", "Phishing against grid vendors");
        assertThat(html.indexOf("Banking-only wire fraud")).isLessThan(html.indexOf("&lt;script&gt;"));
        assertThat(html.indexOf("&lt;script&gt;")).isLessThan(html.indexOf("Phishing against grid vendors"));
        String energy = article(html, "11111111-1111-4111-8111-111111111111");
        assertThat(energy).contains("<td class=\"num delivery-delivered\">2</td>", "<td class=\"num delivery-failed\">1</td>",
                "<td class=\"num feedback-useful\">1</td>", "<td class=\"num feedback-not-useful\">1</td>",
                "<td class=\"num feedback-no-answer\">0</td>", "electricity-says-thanks", "gas-comment-private",
                "electricity, gas", "TLP:GREEN");
    }

    @Test
    void a_ceptoar_secretariat_sees_only_its_own_and_those_sent_to_it_and_its_share_of_the_counts() {
        String html = page.render(viewer("gas", Lang.EN), DATA, false, NOW);
        assertThat(html).contains("Phishing against grid vendors", "TLP:AMBER+STRICT")
                .doesNotContain("Banking-only wire fraud", "22222222-2222-4222-8222-222222222222");
        String energy = article(html, "11111111-1111-4111-8111-111111111111");
        // its own notice: one delivery delivered, one failed; its own operator's answer, counted, never its text
        assertThat(energy).contains("<td class=\"num delivery-delivered\">1</td>", "<td class=\"num delivery-failed\">1</td>",
                "<td class=\"num feedback-useful\">0</td>", "<td class=\"num feedback-not-useful\">1</td>",
                "(your CEPTOAR&#39;s share)")
                .doesNotContain("gas-comment-private", "electricity-says-thanks", "electricity");
        // AMBER+STRICT addresses no operator
        assertThat(article(html, "33333333-3333-4333-8333-333333333333"))
                .contains("<td class=\"num feedback-no-answer\">0</td>");
    }

    @Test
    void the_issuing_ceptoar_sees_its_whole_record() {
        String html = page.render(viewer("banking", Lang.EN), DATA, false, NOW);
        assertThat(html).contains("Banking-only wire fraud").doesNotContain("Phishing against grid vendors", "&lt;script&gt;");
        assertThat(article(html, "22222222-2222-4222-8222-222222222222"))
                .contains("<td class=\"num delivery-delivered\">1</td>", "<td class=\"num feedback-no-answer\">1</td>")
                .doesNotContain("your CEPTOAR");
    }

    @Test
    void a_title_is_escaped_never_markup() {
        String html = page.render(viewer("nisc", Lang.EN), DATA, false, NOW);
        assertThat(html).contains("<h2>&lt;script&gt;alert(1)&lt;/script&gt;</h2>").doesNotContain("<script>");
    }

    @Test
    void a_red_advisory_that_reached_a_record_is_nisc_s_alone() {
        AdvisoryRecord red = record(advisory("44444444-4444-4444-8444-444444444444", "nisc", "nisc", "red one",
                Tlp.RED, List.of("gas"), "2026-06-04T00:00:00Z"), List.of("gas"), List.of(), List.of());
        ConsoleData data = Fixtures.data(List.of(), List.of(red));
        assertThat(page.render(viewer("gas", Lang.EN), data, false, NOW)).doesNotContain("red one");
        assertThat(page.render(viewer("nisc", Lang.EN), data, false, NOW)).contains("red one");
    }

    @Test
    void japanese_by_default_and_english_when_asked() {
        assertThat(page.render(viewer("nisc", Lang.JA), DATA, false, NOW)).contains("情報提供", "重要度", "配信済", "未回答")
                .doesNotContain("Severity");
        assertThat(page.render(viewer("nisc", Lang.EN), DATA, false, NOW)).contains("Advisories", "Severity", "no answer")
                .doesNotContain("重要度");
    }

    private static String article(String html, String advisoryId) {
        int start = html.indexOf("data-advisory-id=\"" + advisoryId + "\"");
        assertThat(start).as("advisory %s shown", advisoryId).isPositive();
        return html.substring(start, html.indexOf("</article>", start));
    }
}
