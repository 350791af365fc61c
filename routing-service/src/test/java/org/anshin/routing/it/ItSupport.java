package org.anshin.routing.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.anshin.common.config.AnshinConfig;
import org.anshin.routing.RoutingApp;
import org.anshin.routing.RoutingConfig;
import org.anshin.routing.topology.Fixture;
import org.anshin.schemas.IncidentNotice;
import org.anshin.schemas.IncidentReport;
import org.anshin.schemas.Topics;
import org.anshin.schemas.registry.RestSchemaRegistryClient;
import org.anshin.schemas.serde.ConfluentAvroSerde;
import org.anshin.testsupport.Infra;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** Real-broker helpers: a topic prefix per test, the app started on a free port, a report producer. */
final class ItSupport {
    /** The internal query API's token of the tests. */
    static final String INTERNAL_TOKEN = "test-internal-token-0123456789";
    final Infra infra;
    final RoutingConfig config;
    final String applicationId;
    final RestSchemaRegistryClient registry;

    ItSupport(Infra infra, int reportPartitions) {
        this(infra, reportPartitions, Fixture.ANSHIN, RoutingConfig.DEFAULT_ESCALATION_CHECK_INTERVAL);
    }

    /** With other config files (e.g. escalation tiers) and escalation check interval. */
    ItSupport(Infra infra, int reportPartitions, AnshinConfig files, Duration escalationCheck) {
        this.infra = infra;
        String prefix = infra.uniqueTopic("rt") + ".";
        this.config = RoutingConfig.from(files, prefix)
                .withPseudonyms(org.anshin.routing.fanout.Pseudonyms.fromKey(Fixture.PSEUDONYM_KEY))
                .withEscalationCheckInterval(escalationCheck);
        this.applicationId = prefix + "routing";
        this.registry = new RestSchemaRegistryClient(infra.registryUrl());
        List<NewTopic> topics = new ArrayList<>();
        topics.add(new NewTopic(config.reportsTopic(), reportPartitions, (short) 1));
        topics.add(new NewTopic(config.exerciseReportsTopic(), reportPartitions, (short) 1));
        topics.add(new NewTopic(config.deadLetterTopic(false), 1, (short) 1));
        topics.add(new NewTopic(config.deadLetterTopic(true), 1, (short) 1));
        // the incident record's inputs and output (its sub-topology reads the receipts of both kinds)
        for (boolean exercise : new boolean[] {false, true}) {
            topics.add(new NewTopic(config.recordEntriesTopic(exercise), Topics.RECORD_PARTITIONS, (short) 1));
            topics.add(new NewTopic(config.recordTopic(exercise), Topics.RECORD_PARTITIONS, (short) 1)
                    .configs(Map.of("cleanup.policy", "compact")));
            topics.add(new NewTopic(config.deliveriesTopic(exercise), 3, (short) 1));
        }
        // advisories: inputs on the advisory partitions, shares on the record's, one topic per recipient CEPTOAR
        for (boolean exercise : new boolean[] {false, true}) {
            topics.add(new NewTopic(config.advisoriesTopic(exercise), Topics.ADVISORY_PARTITIONS, (short) 1));
            topics.add(new NewTopic(config.advisoryFeedbackTopic(exercise), Topics.ADVISORY_PARTITIONS, (short) 1));
            topics.add(new NewTopic(config.advisoryDeliveriesTopic(exercise), Topics.ADVISORY_PARTITIONS, (short) 1));
            topics.add(new NewTopic(config.advisoryRecordTopic(exercise), Topics.ADVISORY_PARTITIONS, (short) 1)
                    .configs(Map.of("cleanup.policy", "compact")));
            topics.add(new NewTopic(config.sharesTopic(exercise), Topics.RECORD_PARTITIONS, (short) 1));
            topics.add(new NewTopic(config.acknowledgementsTopic(exercise), Topics.RECORD_PARTITIONS, (short) 1));
            for (String recipient : config.advisories().everyone()) {
                topics.add(new NewTopic(config.advisoryTopic(recipient, exercise), 1, (short) 1));
            }
        }
        for (String recipient : config.topicByRecipient().keySet()) {
            topics.add(new NewTopic(config.noticeTopic(recipient, false), 1, (short) 1));
        }
        infra.createTopics(topics.toArray(NewTopic[]::new));
    }

    RoutingApp start() {
        return new RoutingApp(config, new RoutingApp.Settings(applicationId, infra.bootstrapServers(), registry, true,
                tempDir(), "127.0.0.1", "127.0.0.1", freePort(), INTERNAL_TOKEN, Map.of()));
    }

    KafkaProducer<String, IncidentReport> producer() {
        Map<String, Object> p = infra.producerProps();
        var serde = ConfluentAvroSerde.forValue(IncidentReport.class, registry, true);
        return new KafkaProducer<>(p, new StringSerializer(), serde.serializer());
    }

    void send(KafkaProducer<String, IncidentReport> producer, IncidentReport r) {
        producer.send(new ProducerRecord<>(config.reportsTopic(), org.anshin.schemas.ReportKeys.of(r), r));
    }

    List<IncidentNotice> decode(List<ConsumerRecord<byte[], byte[]>> records) {
        var serde = ConfluentAvroSerde.forValue(IncidentNotice.class, registry, false);
        return records.stream().map(r -> serde.deserializer().deserialize(r.topic(), r.value())).toList();
    }

    String nisc() {
        return config.noticeTopic(Topics.NISC_RECIPIENT, false);
    }

    static Path tempDir() {
        try {
            return Files.createTempDirectory("routing-it");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
