package org.anshin.notifier.channel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.anshin.notifier.Notices;
import org.anshin.schemas.Classification;
import org.anshin.schemas.NoticeType;
import org.anshin.schemas.Tlp;
import org.junit.jupiter.api.Test;

class BodiesTest {
    private final ObjectMapper json = new ObjectMapper();
    private final ChannelSpec webhook = Notices.spec("electricity/webhook-1", ChannelType.WEBHOOK, "http://h/hook");

    @Test
    void webhookCarriesTheNoticeWithIsoTimesAndItsIdempotencyKey() {
        JsonNode body = WebhookBody.render(json, new Outbound(webhook, List.of(Notices.notice("n1", "inc-1"))));
        assertThat(body.get("noticeId").asText()).isEqualTo("n1");
        assertThat(body.get("incidentId").asText()).isEqualTo("inc-1");
        assertThat(body.get("classification").asText()).isEqualTo("EXCEEDS_VERIFICATION_LEVEL");
        assertThat(body.get("occurredAt").asText()).isEqualTo("2026-11-25T00:00:00Z");
        assertThat(body.get("impact").get("supplyLossKw").asLong()).isEqualTo(150_000L);
        assertThat(body.get("impact").has("affectedUsers")).isFalse();
        assertThat(body.get("idempotencyKey").asText()).isEqualTo("n1.electricity/webhook-1");
        assertThat(body.has("groupedNotices")).isFalse();
    }

    @Test
    void webhookOfAGroupSendsTheLatestNoticeWithTheEarlierOnes() {
        Outbound m = new Outbound(webhook, List.of(Notices.notice("n1", "inc-1"),
                Notices.builder("n2", "inc-1").setNoticeType(NoticeType.UPDATED).build()));
        JsonNode body = WebhookBody.render(json, m);
        assertThat(body.get("noticeId").asText()).isEqualTo("n2");
        assertThat(body.get("groupedNotices")).hasSize(1);
        assertThat(body.get("groupedNotices").get(0).get("noticeId").asText()).isEqualTo("n1");
        // a group is keyed by its first notice, like that notice alone
        assertThat(m.idempotencyKey()).isEqualTo("n1.electricity/webhook-1")
                .isEqualTo(new Outbound(webhook, m.notices().subList(0, 1)).idempotencyKey());
    }

    @Test
    void tlpAmberStrictIsWrittenAsTheProtocolSpellsIt() {
        JsonNode body = WebhookBody.render(json, new Outbound(webhook,
                List.of(Notices.builder("n1", "i").setTlp(Tlp.AMBER_STRICT).setSummary(null).setOperatorId(null).build())));
        assertThat(body.get("tlp").asText()).isEqualTo("TLP:AMBER+STRICT");
        assertThat(body.has("summary")).isFalse();
        assertThat(body.has("operatorId")).isFalse();
    }

    @Test
    void mailIsBilingualAndMarksDrills() {
        Outbound m = new Outbound(Notices.spec("e", ChannelType.EMAIL, "smtp://h:25"),
                List.of(Notices.builder("n1", "inc-1").setExercise(true).build()));
        assertThat(MailTemplate.subject(m)).contains("[EXERCISE 演習]").contains("[EXCEEDS]").contains("inc-1");
        assertThat(MailTemplate.text(m)).contains("供給支障電力").contains("Reason: supplyLossKw 150000");
        assertThat(MailTemplate.html(m)).contains("<html").contains("【演習】");
        assertThat(MailTemplate.esc("<a&\"")).isEqualTo("&lt;a&amp;&quot;");
    }

    @Test
    void httpStatusesSplitIntoDeliveredRetryableAndPermanent() {
        assertThat(SendResult.ofHttpStatus(202, "").kind()).isEqualTo(SendResult.Kind.DELIVERED);
        assertThat(SendResult.ofHttpStatus(400, "bad").kind()).isEqualTo(SendResult.Kind.PERMANENT);
        assertThat(SendResult.ofHttpStatus(404, "").kind()).isEqualTo(SendResult.Kind.PERMANENT);
        assertThat(SendResult.ofHttpStatus(408, "").kind()).isEqualTo(SendResult.Kind.RETRYABLE);
        assertThat(SendResult.ofHttpStatus(429, "").kind()).isEqualTo(SendResult.Kind.RETRYABLE);
        assertThat(SendResult.ofHttpStatus(503, "").kind()).isEqualTo(SendResult.Kind.RETRYABLE);
        assertThat(SendResult.ofHttpStatus(302, "").kind()).isEqualTo(SendResult.Kind.RETRYABLE);
    }

    @Test
    void theIncidentKeyIdentifiesTheIncidentAndFallsBackToTheIdForOldNotices() {
        ChannelSpec pd = Notices.spec("p", ChannelType.PAGERDUTY, "http://h/pd");
        ChannelSpec am = Notices.spec("a", ChannelType.ALERTMANAGER, "http://h/am");
        var keyed = Notices.builder("n1", "inc-1").setIncidentKey("k-tepco-1").build();
        var old = Notices.builder("n2", "inc-1").setIncidentKey("").build();
        assertThat(PagerDutyBody.render(json, new Outbound(pd, List.of(keyed))).get("dedup_key").asText())
                .isEqualTo("k-tepco-1");
        assertThat(PagerDutyBody.render(json, new Outbound(pd, List.of(old))).get("dedup_key").asText())
                .isEqualTo("inc-1");
        JsonNode labels = AlertmanagerBody.render(json, new Outbound(am, List.of(keyed))).get(0).get("labels");
        assertThat(labels.get("incident_key").asText()).isEqualTo("k-tepco-1");
        assertThat(labels.get("incident").asText()).isEqualTo("inc-1");
        JsonNode hook = WebhookBody.render(json, new Outbound(webhook, List.of(keyed)));
        assertThat(hook.get("incidentKey").asText()).isEqualTo("k-tepco-1");
        assertThat(hook.get("incidentId").asText()).isEqualTo("inc-1");
        assertThat(WebhookBody.render(json, new Outbound(webhook, List.of(old))).get("incidentKey").asText())
                .isEqualTo("inc-1");
    }
}
