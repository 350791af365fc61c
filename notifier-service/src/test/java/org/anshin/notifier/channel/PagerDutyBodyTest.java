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
}
