package org.anshin.notifier.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.anshin.notifier.Notices;
import org.anshin.notifier.NotifierService;
import org.anshin.notifier.channel.SlackBody;
import org.anshin.schemas.DeliveryOutcome;
import org.anshin.schemas.DeliveryReceipt;
import org.anshin.schemas.Tlp;
import org.anshin.testsupport.Infra;
import org.anshin.testsupport.WithKafkaAndRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Slack channel against a receiver that checks a message the way Slack does: Block Kit limits (header
 * plain_text 150, section text 3,000, context element text 3,000 and at most 10 elements, at most 50 blocks,
 * top-level text 40,000) and, where Slack parses text (mrkdwn and the top-level {@code text}), no {@code <} or
 * {@code >} that would make a mention or a link and no {@code &} that is not one of its three entities. A
 * violation gets Slack's answer, 400 {@code invalid_blocks}; otherwise it records what a person would see.
 */
@WithKafkaAndRegistry
class SlackLimitsIT {
    private final Infra infra;
    private final SlackReceiver slack;
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    @TempDir
    Path dir;
    private NotifierHarness harness;
    private NotifierService service;

    SlackLimitsIT(Infra infra) throws IOException {
        this.infra = infra;
        this.slack = new SlackReceiver();
    }

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
        if (harness != null) {
            harness.close();
        }
        slack.close();
    }

    @Test
    void aHostileTenThousandCharacterSummaryIsDeliveredShownEscapedAndTruncated() throws Exception {
        harness = new NotifierHarness(infra, dir, """
                      - type: slack
                        url: %s
                """.formatted(slack.url("/services/T000/B000/XXXX")));
        service = harness.start(meters);
        await("notifier ready").atMost(Duration.ofSeconds(60)).until(service::ready);

        String hostile = "<!channel> urgent: <https://evil.example/login|click here> & restart 停電 😀 ";
        String summary = hostile.repeat(10_000 / hostile.length() + 1).substring(0, 10_000);
        String incidentId = "inc-<!here>-" + "x".repeat(200);
        harness.publish(Notices.builder("sl-1", incidentId).setSummary(summary).setTlp(Tlp.GREEN).build());

        List<DeliveryReceipt> receipts = harness.receipts(false, rs -> !rs.isEmpty());
        assertThat(slack.violations).isEmpty();
        assertThat(receipts).singleElement().satisfies(r -> {
            assertThat(r.getOutcome()).isEqualTo(DeliveryOutcome.DELIVERED);
            assertThat(r.getAttempt()).isEqualTo(1);
        });
        assertThat(slack.shown).hasSize(1);
        Shown shown = slack.shown.get(0);
        // what a person sees: the operator's markup as text, nothing executed
        assertThat(shown.section()).contains("<!channel> urgent: <https://evil.example/login|click here> & restart")
                .contains(SlackBody.MARKER).contains("*Occurred:*")
                // the one link Slack parses: the incident's page, the hostile id URL-encoded in it
                .endsWith("[link http://127.0.0.1:8084/incidents/inc-%3C%21here%3E-" + "x".repeat(200) + "]");
        assertThat(shown.header()).hasSizeLessThanOrEqualTo(150).startsWith("NEW electricity incident inc-<!here>-")
                .endsWith(SlackBody.MARKER);
        assertThat(shown.text()).contains("inc-<!here>-");
    }

    @Test
    void theReceiverRejectsWhatSlackWouldReject() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String tooLong = "{\"blocks\":[{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":\""
                + "a".repeat(3_001) + "\"}}]}";
        String unescaped = "{\"text\":\"hi <!channel>\"}";
        String bareAmp = "{\"blocks\":[{\"type\":\"context\",\"elements\":[{\"type\":\"mrkdwn\",\"text\":\"a & b\"}]}]}";
        String longHeader = "{\"blocks\":[{\"type\":\"header\",\"text\":{\"type\":\"plain_text\",\"text\":\""
                + "h".repeat(151) + "\"}}]}";
        for (String body : List.of(tooLong, unescaped, bareAmp, longHeader)) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(slack.url("/check")))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.body()).isEqualTo("invalid_blocks");
        }
        assertThat(slack.violations).hasSize(4);
        assertThat(slack.shown).isEmpty();
    }

    /** What a person would see: mrkdwn decoded (&amp; &lt; &gt;), plain_text as sent. */
    record Shown(String text, String header, String section, String context) {
    }

    /** A JDK HTTP server that answers like a Slack incoming webhook. */
    static final class SlackReceiver implements AutoCloseable {
        /** The notifier's own link: {@code <https://...|label>}, nothing Slack would parse inside it. */
        private static final java.util.regex.Pattern SLACK_LINK =
                java.util.regex.Pattern.compile("<(https?://[^<>|\\s]+)\\|[^<>|]+>");
        private final HttpServer server;
        private final ObjectMapper json = new ObjectMapper();
        final List<Shown> shown = new CopyOnWriteArrayList<>();
        final List<String> violations = new CopyOnWriteArrayList<>();

        SlackReceiver() throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
            server.createContext("/", this::handle);
            server.start();
        }

        String url(String path) {
            return "http://127.0.0.1:" + server.getAddress().getPort() + path;
        }

        private void handle(HttpExchange ex) throws IOException {
            try (ex) {
                JsonNode body = json.readTree(ex.getRequestBody().readAllBytes());
                List<String> problems = new ArrayList<>();
                Shown s = check(body, problems);
                byte[] answer;
                int status;
                if (problems.isEmpty()) {
                    shown.add(s);
                    status = 200;
                    answer = "ok".getBytes(StandardCharsets.UTF_8);
                } else {
                    violations.addAll(problems);
                    status = 400;
                    answer = "invalid_blocks".getBytes(StandardCharsets.UTF_8);
                }
                ex.sendResponseHeaders(status, answer.length);
                ex.getResponseBody().write(answer);
            }
        }

        private Shown check(JsonNode body, List<String> problems) {
            String text = mrkdwn("text", body.path("text").asText(""), 40_000, problems);
            String header = null;
            String section = null;
            String context = null;
            JsonNode blocks = body.path("blocks");
            if (blocks.size() > 50) {
                problems.add("more than 50 blocks");
            }
            for (JsonNode b : blocks) {
                switch (b.path("type").asText()) {
                    case "header" -> {
                        if (!b.path("text").path("type").asText().equals("plain_text")) {
                            problems.add("header text must be plain_text");
                        }
                        header = limited("header", b.path("text").path("text").asText(), 150, problems);
                    }
                    case "section" -> section = textObject("section", b.path("text"), 3_000, problems);
                    case "context" -> {
                        if (b.path("elements").size() > 10) {
                            problems.add("context: more than 10 elements");
                        }
                        StringBuilder all = new StringBuilder();
                        b.path("elements").forEach(e -> all.append(textObject("context", e, 3_000, problems)));
                        context = all.toString();
                    }
                    default -> problems.add("unknown block type " + b.path("type"));
                }
            }
            return new Shown(text, header, section, context);
        }

        private String textObject(String where, JsonNode t, int max, List<String> problems) {
            String value = t.path("text").asText();
            return t.path("type").asText().equals("mrkdwn") ? mrkdwn(where, value, max, problems)
                    : limited(where, value, max, problems);
        }

        /** Lengths in UTF-16 code units, never fewer than code points: the stricter reading of "characters". */
        private static String limited(String where, String value, int max, List<String> problems) {
            if (value.length() > max) {
                problems.add(where + ": " + value.length() + " characters, more than " + max);
            }
            return value;
        }

        /**
         * Slack parses {@code <...>} as mentions and links and decodes three entities; anything else is literal. The
         * one {@code <...>} the notifier writes itself, its link to the incident's page, is shown as
         * {@code [link <url>]}; any other {@code <} or {@code >} would be report text Slack parses.
         */
        private static String mrkdwn(String where, String raw, int max, List<String> problems) {
            limited(where, raw, max, problems);
            String value = SLACK_LINK.matcher(raw).replaceAll(
                    m -> java.util.regex.Matcher.quoteReplacement("[link " + m.group(1) + "]"));
            if (value.indexOf('<') >= 0 || value.indexOf('>') >= 0) {
                problems.add(where + ": unescaped < or > (Slack would parse a mention or link)");
            }
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < value.length(); ) {
                if (value.startsWith("&amp;", i)) {
                    out.append('&');
                    i += 5;
                } else if (value.startsWith("&lt;", i)) {
                    out.append('<');
                    i += 4;
                } else if (value.startsWith("&gt;", i)) {
                    out.append('>');
                    i += 4;
                } else {
                    if (value.charAt(i) == '&') {
                        problems.add(where + ": a bare & at " + i);
                    }
                    out.append(value.charAt(i++));
                }
            }
            return out.toString();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
