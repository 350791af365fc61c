package org.anshin.notifier.channel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import org.anshin.notifier.Notices;
import org.anshin.schemas.IncidentNotice;
import org.anshin.schemas.NoticeType;
import org.junit.jupiter.api.Test;

/**
 * How a notice of escalation tier 2 reads on every channel type, that tier 1 reads as before, and that mail and
 * Slack carry the incident's page.
 */
class EscalationTierBodiesTest {
    private final ObjectMapper json = new ObjectMapper();

    private static IncidentNotice tier(int tier, NoticeType type) {
        IncidentNotice.Builder b = Notices.builder("n-" + tier + "-" + type, "inc-1").setIncidentKey("key 1/a")
                .setNoticeType(type).setEscalationTier(tier);
        if (type == NoticeType.RESOLVED) {
            b.setResolvedAt(Instant.now());
        }
        return b.build();
    }

    private static Outbound on(ChannelType type, IncidentNotice n) {
        return new Outbound(Notices.spec("electricity/" + type.tag() + "-duty", type, type == ChannelType.EMAIL
                ? "smtp://h:25" : "http://127.0.0.1/x"), List.of(n));
    }

    @Test
    void tierOneNoticesReadAsBefore() {
        IncidentNotice n = tier(1, NoticeType.ESCALATED);
        assertThat(Texts.headlineEn(n)).isEqualTo("ESCALATED electricity incident inc-1: exceeds the verification level");
        assertThat(Texts.headlineJa(n)).contains("【検証レベル到達】");
        assertThat(WebhookBody.render(json, on(ChannelType.WEBHOOK, n)).has("escalationTier")).isFalse();
        assertThat(PagerDutyBody.render(json, on(ChannelType.PAGERDUTY, n)).get("dedup_key").asText()).isEqualTo("key 1/a");
        assertThat(AlertmanagerBody.alert(json, n, IncidentLinks.DEFAULT).get("labels").has("escalation_tier")).isFalse();
        assertThat(MailTemplate.subject(on(ChannelType.EMAIL, n))).endsWith(": ESCALATED [EXCEEDS]");
    }

    @Test
    void aTierTwoPageNamesItsTierEverywhereAndItsResolvedClosesTheSameAlerts() {
        IncidentNotice page = tier(2, NoticeType.ESCALATED);
        IncidentNotice resolved = tier(2, NoticeType.RESOLVED);
        assertThat(Texts.headlineEn(page)).startsWith("ESCALATED (tier 2) electricity incident inc-1");
        assertThat(Texts.headlineJa(page)).contains("【未確認エスカレーション・第2段階】");
        assertThat(Texts.headlineJa(resolved)).contains("【復旧・第2段階】");
        assertThat(WebhookBody.render(json, on(ChannelType.WEBHOOK, page)).get("escalationTier").asInt()).isEqualTo(2);

        JsonNode trigger = PagerDutyBody.render(json, on(ChannelType.PAGERDUTY, page));
        JsonNode resolve = PagerDutyBody.render(json, on(ChannelType.PAGERDUTY, resolved));
        assertThat(trigger.get("event_action").asText()).isEqualTo("trigger");
        assertThat(trigger.get("dedup_key").asText()).isEqualTo("key 1/a/tier-2");
        assertThat(resolve.get("event_action").asText()).isEqualTo("resolve");
        assertThat(resolve.get("dedup_key").asText()).isEqualTo(trigger.get("dedup_key").asText());
        assertThat(trigger.at("/payload/summary").asText()).contains("(tier 2)");

        JsonNode firing = AlertmanagerBody.alert(json, page, IncidentLinks.DEFAULT).get("labels");
        JsonNode ended = AlertmanagerBody.alert(json, resolved, IncidentLinks.DEFAULT).get("labels");
        assertThat(firing.get("escalation_tier").asText()).isEqualTo("2");
        assertThat(ended).isEqualTo(firing); // the same fingerprint: the RESOLVED ends the page's alert

        Outbound mail = on(ChannelType.EMAIL, page);
        assertThat(MailTemplate.subject(mail)).isEqualTo(MailTemplate.threadSubject(page) + ": ESCALATED (tier 2) [EXCEEDS]");
        assertThat(MailTemplate.threadSubject(page)).isEqualTo(MailTemplate.threadSubject(tier(1, NoticeType.NEW)));
        assertThat(MailTemplate.opensThread(mail)).isFalse(); // it threads under the incident's root
    }

    @Test
    void mailAndSlackLinkToTheConsolesIncidentPageByDefault() {
        assertThat(IncidentLinks.DEFAULT_TEMPLATE).isEqualTo("http://127.0.0.1:8084/incidents/{incidentKey}");
        IncidentNotice n = tier(1, NoticeType.NEW);
        String page = "http://127.0.0.1:8084/incidents/key%201%2Fa"; // the key URL-encoded
        assertThat(IncidentLinks.DEFAULT.of(n)).isEqualTo(page);
        Outbound mail = on(ChannelType.EMAIL, n);
        assertThat(MailTemplate.text(mail)).contains("Incident page: " + page + "\n");
        assertThat(MailTemplate.html(mail)).contains("<a href=\"" + page + "\">");
        JsonNode slack = SlackBody.render(json, on(ChannelType.SLACK, n));
        assertThat(slack.at("/blocks/1/text/text").asText()).endsWith("\n<" + page + "|Incident page / インシデントの詳細>");
        assertThat(slack.at("/blocks/1/text/text").asText().length()).isLessThanOrEqualTo(SlackBody.SECTION_MAX);
    }

    @Test
    void aConfiguredTemplateIsUsedAndNothingBreaksOutOfTheSlackLink() {
        IncidentLinks links = new IncidentLinks("https://console.example.org/i/{incidentId}");
        IncidentNotice n = tier(1, NoticeType.NEW);
        Outbound mail = on(ChannelType.EMAIL, n);
        assertThat(MailTemplate.text(mail, links)).contains("Incident page: https://console.example.org/i/inc-1\n");
        assertThat(MailTemplate.html(mail, links)).contains("href=\"https://console.example.org/i/inc-1\"");
        assertThat(SlackBody.render(json, on(ChannelType.SLACK, n), links).at("/blocks/1/text/text").asText())
                .endsWith("\n<https://console.example.org/i/inc-1|Incident page / インシデントの詳細>");
        // IncidentLinks refuses such a template already; the link is escaped all the same
        assertThat(SlackBody.link("https://x.example/?a=<b|c>&d", "L")).isEqualTo("<https://x.example/?a=&lt;b%7Cc&gt;&amp;d|L>");
    }
}
