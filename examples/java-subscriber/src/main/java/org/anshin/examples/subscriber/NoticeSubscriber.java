package org.anshin.examples.subscriber;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.anshin.schemas.AdvisoryNotice;
import org.anshin.schemas.IncidentNotice;
import org.anshin.schemas.registry.RestSchemaRegistryClient;
import org.anshin.schemas.registry.SchemaRegistry;
import org.anshin.schemas.serde.ConfluentAvroSerde;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A secretariat's subscriber: reads its notice topics and prints one line per notice. Everything a real subscriber
 * must get right is here, and nothing else:
 * <ul>
 *   <li>{@code isolation.level=read_committed}: routing writes notices in exactly-once transactions; a reader with
 *       the default read_uncommitted would also see notices of aborted transactions, which routing writes again.</li>
 *   <li>{@code enable.auto.commit=false} and {@code commitSync()} after a batch is processed: a crash before the
 *       commit means the batch is read again (at least once; {@code noticeId} is stable, so de-duplicate on it),
 *       never that a notice is skipped.</li>
 *   <li>values in the Confluent wire format: the kit's serde reads the writer's schema id, fetches the schema from
 *       the registry and resolves it to the kit's classes, so notices written by a newer Anshin still read.</li>
 * </ul>
 */
public final class NoticeSubscriber implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final ConfluentAvroSerde<IncidentNotice> notices;
    private final ConfluentAvroSerde<AdvisoryNotice> advisories;
    private final PrintStream out;

    public NoticeSubscriber(String bootstrapServers, String registryUrl, String groupId, PrintStream out) {
        this(consumerConfig(bootstrapServers, groupId), new RestSchemaRegistryClient(registryUrl), out);
    }

    NoticeSubscriber(Map<String, Object> consumerConfig, SchemaRegistry registry, PrintStream out) {
        this.consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new ByteArrayDeserializer());
        // false: a subscriber only reads, it never registers schemas
        this.notices = ConfluentAvroSerde.forValue(IncidentNotice.class, registry, false);
        this.advisories = ConfluentAvroSerde.forValue(AdvisoryNotice.class, registry, false);
        this.out = Objects.requireNonNull(out, "out");
    }

    /** The settings that matter for a notice subscriber; add security (SASL/TLS) settings of your deployment. */
    public static Map<String, Object> consumerConfig(String bootstrapServers, String groupId) {
        return Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, groupId,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                // a new group starts at the oldest notice kept (90 days), not at the next one
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    }

    public void subscribe(List<String> topics) {
        consumer.subscribe(topics);
    }

    /** Polls once, prints every notice of the batch, then commits it; returns how many were printed. */
    public int pollOnce(Duration timeout) {
        ConsumerRecords<String, byte[]> batch = consumer.poll(timeout);
        for (ConsumerRecord<String, byte[]> record : batch) {
            out.println(line(record));
        }
        if (!batch.isEmpty()) {
            consumer.commitSync(); // only now: what was printed is what is committed
        }
        return batch.count();
    }

    /** Polls until {@link #wakeup()} is called (from another thread, e.g. a shutdown hook). */
    public void run() {
        try {
            while (true) {
                pollOnce(Duration.ofSeconds(1));
            }
        } catch (org.apache.kafka.common.errors.WakeupException stop) {
            // asked to stop: the last processed batch is committed already
        }
    }

    /** Makes a blocked {@link #run()} return; the only method that may be called from another thread. */
    public void wakeup() {
        consumer.wakeup();
    }

    /**
     * One line per notice. A value that cannot be read (not the Confluent format, a schema id the registry does not
     * know) throws, and the subscriber stops before committing it: Anshin never writes such a record, so look at it
     * rather than skip it. An unreachable registry throws too; running again retries.
     */
    String line(ConsumerRecord<String, byte[]> record) {
        String where = record.topic() + " " + record.partition() + "@" + record.offset();
        if (record.topic().endsWith(".advisories")) {
            AdvisoryNotice a = advisories.deserialize(record.value());
            return "advisory " + a.getNoticeId() + " advisory=" + a.getAdvisoryId() + " severity=" + a.getSeverity()
                    + " tlp=" + a.getTlp() + " exercise=" + a.getExercise() + " " + where;
        }
        IncidentNotice n = notices.deserialize(record.value());
        return "notice " + n.getNoticeId() + " incident=" + record.key() + " type=" + n.getNoticeType()
                + " classification=" + n.getClassification() + " tlp=" + n.getTlp() + " exercise=" + n.getExercise()
                + " " + where;
    }

    @Override
    public void close() {
        consumer.close();
    }

    /**
     * {@code NoticeSubscriber <bootstrap-servers> <registry-url> <group-id> <topic>...}, e.g.
     * {@code localhost:9092 http://localhost:8081/apis/ccompat/v7 secretariat-gas ceptoar.gas.incidents
     * ceptoar.gas.advisories}.
     */
    public static void main(String[] args) {
        if (args.length < 4) {
            System.err.println("usage: NoticeSubscriber <bootstrap-servers> <registry-url> <group-id> <topic>...");
            System.exit(2);
        }
        NoticeSubscriber subscriber = new NoticeSubscriber(args[0], args[1], args[2], System.out);
        subscriber.subscribe(List.of(args).subList(3, args.length));
        Thread main = Thread.currentThread();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            subscriber.wakeup();
            try {
                main.join(10_000); // let the main thread finish its batch and close the consumer
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "subscriber-shutdown"));
        try (subscriber) {
            subscriber.run();
        }
    }
}
