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

class PagerDutyBodyTest {
    private final ObjectMapper json = new ObjectMapper();
    private final ChannelSpec webhook = Notices.spec("electricity/webhook-1", ChannelType.WEBHOOK, "http://h/hook");

    @Test
    void pagerdutyTriggersOnNewAndResolvesOnResolvedWithIncidentAsDedupKey() {
        ChannelSpec pd = Notices.spec("p", ChannelType.PAGERDUTY, ChannelSpecs.PAGERDUTY_EVENTS_URL);
        JsonNode trigger = PagerDutyBody.render(json, new Outbound(pd, List.of(Notices.notice("n1", "inc-1"))));
        assertThat(trigger.get("routing_key").asText()).isEqualTo("R0UTINGKEY");
        assertThat(trigger.get("event_action").asText()).isEqualTo("trigger");
        assertThat(trigger.get("dedup_key").asText()).isEqualTo("inc-1");
        assertThat(trigger.get("payload").get("severity").asText()).isEqualTo("critical");
        assertThat(trigger.get("payload").get("source").asText()).isEqualTo("anshin/electricity");

        JsonNode resolve = PagerDutyBody.render(json, new Outbound(pd, List.of(Notices.builder("n2", "inc-1")
                .setNoticeType(NoticeType.RESOLVED).setClassification(Classification.BELOW_VERIFICATION_LEVEL).build())));
        assertThat(resolve.get("event_action").asText()).isEqualTo("resolve");
        assertThat(resolve.get("dedup_key").asText()).isEqualTo("inc-1");
        assertThat(resolve.get("payload").get("severity").asText()).isEqualTo("warning");
    }

    @Test
    void everyNoticeButResolvedTriggersUnderTheIncidentsDedupKeyWithLinksToItsPage() {
        ChannelSpec pd = Notices.spec("p", ChannelType.PAGERDUTY, ChannelSpecs.PAGERDUTY_EVENTS_URL);
        IncidentLinks links = new IncidentLinks("https://console.example.org/incidents/{incidentKey}");
        for (NoticeType type : NoticeType.values()) {
            JsonNode b = PagerDutyBody.render(json, new Outbound(pd, List.of(Notices.builder("n-" + type, "inc-1")
                    .setIncidentKey("key 1").setNoticeType(type).build())), links);
            assertThat(b.get("event_action").asText()).isEqualTo(type == NoticeType.RESOLVED ? "resolve" : "trigger");
            assertThat(b.get("dedup_key").asText()).isEqualTo("key 1");
            assertThat(b.get("client").asText()).isEqualTo("Anshin");
            assertThat(b.get("client_url").asText()).isEqualTo("https://console.example.org/incidents/key%201");
            assertThat(b.get("links")).hasSize(1);
            assertThat(b.get("links").get(0).get("href").asText())
                    .isEqualTo("https://console.example.org/incidents/key%201");
            assertThat(b.get("links").get(0).get("text").asText()).isEqualTo("Anshin incident inc-1");
            assertThat(b.get("payload").get("summary").asText()).doesNotContain("EXERCISE");
        }
    }

    @Test
    void drillsSayExerciseInTheTitleTheLinkAndTheClass() {
        ChannelSpec pd = Notices.spec("p", ChannelType.PAGERDUTY, ChannelSpecs.PAGERDUTY_EVENTS_URL);
        JsonNode b = PagerDutyBody.render(json, new Outbound(pd, List.of(Notices.builder("n1", "inc-1")
                .setExercise(true).build())));
        assertThat(b.get("payload").get("summary").asText()).startsWith("[EXERCISE] NEW electricity incident inc-1");
        assertThat(b.get("payload").get("class").asText()).isEqualTo("EXERCISE NEW");
        assertThat(b.get("links").get(0).get("text").asText()).startsWith("[EXERCISE] ");
        assertThat(b.get("payload").get("custom_details").get("exercise").asBoolean()).isTrue();
    }
}
