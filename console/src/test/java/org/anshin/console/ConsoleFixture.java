package org.anshin.console;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.anshin.common.config.AnshinConfig;
import org.anshin.schemas.Cause;
import org.anshin.schemas.Classification;
import org.anshin.schemas.IncidentNotice;
import org.anshin.schemas.NoticeType;
import org.anshin.schemas.Tlp;
import org.anshin.schemas.registry.RestSchemaRegistryClient;
import org.anshin.schemas.serde.ConfluentAvroSerde;
import org.anshin.testsupport.Infra;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** A console on the shared broker with its own topic prefix, notices written straight to its topics. */
final class ConsoleFixture implements AutoCloseable {
    static final AnshinConfig CONFIG = AnshinConfig.load(Path.of("../config"));
    final Infra infra;
    final String prefix;
    final ConsoleService console;
    final KafkaProducer<String, IncidentNotice> producer;
    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    ConsoleFixture(Infra infra, Duration idle) {
        this(infra, idle, 2000);
    }

    ConsoleFixture(Infra infra, Duration idle, int keep) {
        this.infra = infra;
        this.prefix = infra.uniqueTopic("console") + ".";
        List<NewTopic> topics = new ArrayList<>();
        ConsoleService.noticeTopics(CONFIG, prefix).keySet().forEach(t -> topics.add(new NewTopic(t, 1, (short) 1)));
        ConsoleService.recordTopics(prefix).keySet().forEach(t -> topics.add(new NewTopic(t, 1, (short) 1)));
        infra.createTopics(topics.toArray(NewTopic[]::new));
        RestSchemaRegistryClient registry = new RestSchemaRegistryClient(infra.registryUrl());
        ConsoleOptions options = new ConsoleOptions(0, "127.0.0.1", URI.create("http://127.0.0.1:9"), idle,
                Duration.ofHours(12), 2, Duration.ofSeconds(1), 3, Duration.ofSeconds(2), prefix, true, false, keep);
        this.console = ConsoleService.start(CONFIG, Map.of("bootstrap.servers", infra.bootstrapServers()), registry,
                options);
        this.producer = new KafkaProducer<>(infra.producerProps(), new StringSerializer(),
                ConfluentAvroSerde.forValue(IncidentNotice.class, registry, true).serializer());
    }

    String base() {
        return "http://127.0.0.1:" + console.port();
    }

    /** Writes a notice to a recipient's topic, as routing would. */
    void notice(String recipient, IncidentNotice n) {
        String topic = recipient.equals("nisc") ? "nisc.incidents" : "ceptoar." + recipient + ".incidents";
        producer.send(new ProducerRecord<>(prefix + (n.getExercise() ? "exercise." : "") + topic, n.getIncidentKey(), n));
        producer.flush();
    }

    static IncidentNotice notice(String key, String sector, String ceptoar, Tlp tlp, boolean exercise, String summary) {
        Instant now = Instant.now();
        return IncidentNotice.newBuilder().setNoticeId(UUID.randomUUID().toString()).setIncidentId(key)
                .setIncidentKey(key).setReportId(null).setSector(sector).setCeptoarId(ceptoar).setOperatorId("op-" + sector)
                .setNoticeType(NoticeType.NEW).setClassification(Classification.EXCEEDS_VERIFICATION_LEVEL)
                .setServiceLevelBreached(null).setReason("exceeds: supply loss").setReasonJa("検証レベル超過: 供給支障")
                .setTlp(tlp).setExercise(exercise).setSummary(summary).setCause(Cause.UNINTENTIONAL).setImpact(null)
                .setOccurredAt(now.minusSeconds(600)).setResolvedAt(null).setClassifiedAt(now).setReceivedAt(now)
                .setSharedBy(null).setEscalationTier(1).build();
    }

    /** Signs in and returns the session cookie ({@code name=value}). */
    String signIn(String token) throws Exception {
        HttpResponse<String> r = postForm("/login", "token=" + token, null, base());
        if (r.statusCode() != 303) {
            throw new AssertionError("sign-in with " + token + " answered " + r.statusCode());
        }
        return r.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
    }

    HttpResponse<String> get(String path, String cookie) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path)).GET();
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    HttpResponse<String> postForm(String path, String form, String cookie, String origin) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        if (origin != null) {
            b.header("Origin", origin);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** The CSRF token the pages carry for this session. */
    String csrf(String cookie) throws Exception {
        String html = get("/", cookie).body();
        int i = html.indexOf("name=\"csrf-token\" content=\"");
        if (i < 0) {
            throw new AssertionError("no csrf-token meta in the board page");
        }
        int start = i + "name=\"csrf-token\" content=\"".length();
        return html.substring(start, html.indexOf('"', start));
    }

    @Override
    public void close() {
        producer.close();
        console.close();
    }
}
