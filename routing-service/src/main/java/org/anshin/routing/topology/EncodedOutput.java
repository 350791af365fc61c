package org.anshin.routing.topology;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.TopicNameExtractor;

/**
 * An output of a DSL sub-topology already serialized for its topic (advisory notices and records, shared incident
 * notices): the processor serializes before it writes its store, so a schema the registry refuses dead-letters
 * the input with the store unchanged; the sink only copies the bytes to the topic named here.
 */
public record EncodedOutput(String topic, byte[] bytes) {

    /** The topic of each output. */
    public static TopicNameExtractor<String, EncodedOutput> topicOf() {
        return (key, out, ctx) -> out.topic();
    }

    /** Writes the bytes as they are; never read back (the outputs are sinks only). */
    public static Serde<EncodedOutput> serde() {
        return Serdes.serdeFrom((topic, out) -> out == null ? null : out.bytes(), (topic, bytes) -> {
            throw new UnsupportedOperationException("encoded outputs are written, never read");
        });
    }
}
