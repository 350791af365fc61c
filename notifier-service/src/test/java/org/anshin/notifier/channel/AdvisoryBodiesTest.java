package org.anshin.notifier.channel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.anshin.notifier.Advisories;
import org.anshin.schemas.AdvisoryNotice;
import org.anshin.schemas.AdvisorySeverity;
import org.anshin.schemas.Classification;
import org.anshin.schemas.Tlp;
import org.junit.jupiter.api.Test;

/** The advisory renderings: webhook JSON, Slack (escaped, bounded), PagerDuty, Alertmanager, mail. */
class AdvisoryBodiesTest {
    private final ObjectMapper json = new ObjectMapper();

    private static ChannelSpec spec(ChannelType type) {
        return new ChannelSpec("gas/" + type.tag() + "-1", "gas", type, URI.create("http://127.0.0.1/x"),
                Optional.of("anshin@example.org"), List.of("oncall@example.org"),
                type == ChannelType.PAGERDUTY ? Optional.of("rk-123456") : Optional.empty(), Optional.empty(),
                Classification.BELOW_VERIFICATION_LEVEL, false, Duration.ZERO, 0, Tlp.AMBER_STRICT);
    }

    private final AdvisoryNotice n = Advisories.advisory("adv-1", "gas", "gas")
            .setIssuedAt(Instant.parse("2026-12-01T10:00:00Z")).build();

    @Test
    void webhookCarriesTheNoticeFieldsTheChannelAndTheKey() {
        JsonNode b = AdvisoryBodies.or(ChannelType.WEBHOOK, WebhookBody::render).apply(json,
                Outbound.of(spec(ChannelType.WEBHOOK), n));
        assertThat(b.get("kind").asText()).isEqualTo("advisory");
        assertThat(b.get("advisoryId").asText()).isEqualTo("adv-1");
        assertThat(b.get("severity").asText()).isEqualTo("WARNING");
        assertThat(b.get("tlp").asText()).isEqualTo("TLP:AMBER");
        assertThat(b.get("sectors").get(0).asText()).isEqualTo("gas");
        assertThat(b.get("channel").asText()).isEqualTo("gas/webhook-1");
        assertThat(b.get("idempotencyKey").asText()).isEqualTo("adv-1.gas.gas/webhook-1");
        assertThat(b.has("expiresAt")).isFalse();
    }

    @Test
    void slackEscapesTheIssuersTextAndStaysWithinLimits() {
        AdvisoryNotice hostile = AdvisoryNotice.newBuilder(n).setTitle("<!channel> " + "x".repeat(300))
                .setBody("<https://evil|click> " + "y".repeat(5000)).build();
        JsonNode b = AdvisorySlackBody.render(json, Outbound.of(spec(ChannelType.SLACK), hostile));
        assertThat(b.get("text").asText()).contains("&lt;!channel&gt;").doesNotContain("<!channel>");
        String section = b.get("blocks").get(1).get("text").get("text").asText();
        assertThat(section).contains("&lt;https://evil|click&gt;").hasSizeLessThanOrEqualTo(SlackBody.SECTION_MAX);
        assertThat(b.get("blocks").get(0).get("text").get("text").asText())
                .hasSizeLessThanOrEqualTo(SlackBody.HEADER_MAX);
    }

    @Test
    void pagerDutyTriggersOnceWithTheAdvisoryAsDedupKey() {
        AdvisoryNotice critical = AdvisoryNotice.newBuilder(n).setSeverity(AdvisorySeverity.CRITICAL).build();
        JsonNode b = AdvisoryPagerDutyBody.render(json, Outbound.of(spec(ChannelType.PAGERDUTY), critical));
        assertThat(b.get("event_action").asText()).isEqualTo("trigger");
        assertThat(b.get("dedup_key").asText()).isEqualTo("advisory/adv-1");
        assertThat(b.get("payload").get("severity").asText()).isEqualTo("critical");
        assertThat(b.get("routing_key").asText()).isEqualTo("rk-123456");
    }

    @Test
    void alertmanagerPostsOneAlertEndingAtExpiryOr24Hours() {
        JsonNode b = AdvisoryAlertmanagerBody.render(json, Outbound.of(spec(ChannelType.ALERTMANAGER), n));
        assertThat(b).hasSize(1);
        assertThat(b.get(0).get("labels").get("alertname").asText()).isEqualTo("AnshinAdvisory");
        assertThat(b.get(0).get("endsAt").asText()).isEqualTo("2026-12-02T10:00:00Z");
        AdvisoryNotice expiring = AdvisoryNotice.newBuilder(n).setExpiresAt(Instant.parse("2026-12-01T12:00:00Z")).build();
        JsonNode e = AdvisoryAlertmanagerBody.render(json, Outbound.of(spec(ChannelType.ALERTMANAGER), expiring));
        assertThat(e.get(0).get("endsAt").asText()).isEqualTo("2026-12-01T12:00:00Z");
    }

    @Test
    void mailHasTheSeverityInTheSubjectJapaneseFirstAndAStableMessageId() throws Exception {
        Outbound m = Outbound.of(spec(ChannelType.EMAIL), n);
        assertThat(AdvisoryMailTemplate.subject(m)).isEqualTo("[Anshin][情報提供][WARNING] Patch the VPN gateways");
        String text = AdvisoryMailTemplate.text(m);
        assertThat(text.indexOf("重要度")).isNotNegative().isLessThan(text.indexOf("----- English -----"));
        assertThat(AdvisoryMailTemplate.html(m)).contains("情報提供").doesNotContain("<script");
        var message = new EmailChannel(spec(ChannelType.EMAIL), Duration.ofSeconds(1)).render(m);
        assertThat(message.getHeader("Message-ID")[0]).isEqualTo("<adv-1.gas.gas=2Femail-1@example.org>");
        assertThat(message.getHeader("In-Reply-To")).isNull();
        assertThat(message.getSubject()).startsWith("[Anshin][情報提供][WARNING]");
    }
}
