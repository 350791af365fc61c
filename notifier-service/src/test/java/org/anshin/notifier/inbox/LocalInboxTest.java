package org.anshin.notifier.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.anshin.inbox.Inbox;
import org.anshin.inbox.InboxHttp;
import org.anshin.inbox.InboxSmtp;
import org.anshin.notifier.Notices;
import org.anshin.notifier.channel.ChannelSpec;
import org.anshin.notifier.channel.ChannelType;
import org.anshin.notifier.channel.Channels;
import org.anshin.notifier.channel.Outbound;
import org.anshin.notifier.channel.SendResult;
import org.junit.jupiter.api.Test;

/** The local inbox of ./anshin up (module local-inbox), fed by the notifier's real webhook and email channels. */
class LocalInboxTest {
    @Test
    void showsWebhooksAndMailNewestFirstAndPrintsALineEach() throws Exception {
        ObjectMapper json = new ObjectMapper();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Inbox inbox = new Inbox(json, new PrintStream(printed, true, StandardCharsets.UTF_8));
        int smtpPort;
        try (ServerSocket s = new ServerSocket(0)) {
            smtpPort = s.getLocalPort();
        }
        try (InboxHttp http = new InboxHttp("127.0.0.1", 0, inbox, json);
             InboxSmtp smtp = new InboxSmtp("127.0.0.1", smtpPort, inbox, json)) {
            Channels channels = new Channels(Duration.ofSeconds(5));
            ChannelSpec hook = Notices.spec("electricity/webhook-1", ChannelType.WEBHOOK,
                    "http://127.0.0.1:" + http.port() + "/hook/electricity");
            ChannelSpec mail = Notices.spec("electricity/email-2", ChannelType.EMAIL, "smtp://127.0.0.1:" + smtpPort);
            assertThat(channels.create(hook).send(new Outbound(hook, List.of(Notices.notice("n1", "inc-1")))))
                    .isEqualTo(SendResult.delivered());
            assertThat(channels.create(mail).send(new Outbound(mail, List.of(Notices.notice("n2", "inc-1")))))
                    .isEqualTo(SendResult.delivered());

            HttpClient client = HttpClient.newHttpClient();
            await().atMost(Duration.ofSeconds(10)).until(() -> json.readTree(client.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + http.port() + "/inbox")).build(),
                    HttpResponse.BodyHandlers.ofString()).body()).size() == 2);
            JsonNode list = json.readTree(client.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + http.port() + "/inbox")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            assertThat(list.get(0).get("kind").asText()).isEqualTo("email");
            assertThat(list.get(0).get("messageId").asText()).isEqualTo("<incident.inc-1.electricity=2Femail-2@example.org>"); // a NEW notice: the thread root
            assertThat(list.get(1).get("path").asText()).isEqualTo("/hook/electricity");
            assertThat(list.get(1).get("idempotencyKey").asText()).isEqualTo("n1.electricity/webhook-1");
            assertThat(list.get(1).get("body").get("noticeId").asText()).isEqualTo("n1");
            assertThat(printed.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("[inbox]")))
                    .hasSize(2);
        }
    }
}
