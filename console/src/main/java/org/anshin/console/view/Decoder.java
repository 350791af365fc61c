package org.anshin.console.view;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;
import org.anshin.schemas.registry.SchemaRegistry;
import org.anshin.schemas.registry.SchemaRegistryException;
import org.anshin.schemas.serde.ConfluentAvroSerde;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Confluent-Avro values of one type. A record that is not ours (wrong bytes, unknown schema id) is counted and
 * skipped with its coordinates in the log, never its content; a registry that does not answer is not a bad
 * record, so the record is read again later.
 */
public final class Decoder<T extends SpecificRecord> {
    private static final Logger LOG = LoggerFactory.getLogger(Decoder.class);
    private final Deserializer<T> deserializer;
    private final Counter undecodable;

    public Decoder(Class<T> type, SchemaRegistry registry, MeterRegistry meters, String view) {
        this.deserializer = ConfluentAvroSerde.forValue(type, registry, false).deserializer();
        this.undecodable = Counter.builder("console.records.undecodable").tag("view", view)
                .description("records the console could not decode and skipped").register(meters);
    }

    public Optional<T> decode(ConsumerRecord<byte[], byte[]> r) throws TopicTail.RetryLater {
        try {
            return Optional.ofNullable(deserializer.deserialize(r.topic(), r.value()));
        } catch (SchemaRegistryException.Unavailable e) {
            throw new TopicTail.RetryLater("schema registry not usable (" + e.status() + ")", e);
        } catch (SerializationException e) {
            return skip(r, e.getClass().getSimpleName());
        }
    }

    private Optional<T> skip(ConsumerRecord<byte[], byte[]> r, String why) {
        undecodable.increment();
        LOG.warn("skipping an undecodable record at {}-{}@{}: {}", r.topic(), r.partition(), r.offset(), why);
        return Optional.empty();
    }
}
