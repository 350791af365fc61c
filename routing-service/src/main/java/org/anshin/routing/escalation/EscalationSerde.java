package org.anshin.routing.escalation;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.anshin.routing.incident.IncidentStateSerde;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * JSON for the escalation store and its changelog: a handful of small entries per open exceeding incident, read
 * by this service only, so readability in a changelog dump beats compactness.
 */
public final class EscalationSerde implements Serde<Escalation> {
    private final ObjectMapper mapper = IncidentStateSerde.mapper();

    @Override
    public Serializer<Escalation> serializer() {
        return (topic, e) -> {
            if (e == null) {
                return null;
            }
            try {
                return mapper.writeValueAsBytes(e);
            } catch (IOException x) {
                throw new SerializationException("cannot write an escalation", x);
            }
        };
    }

    @Override
    public Deserializer<Escalation> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                return mapper.readValue(bytes, Escalation.class);
            } catch (IOException x) {
                throw new SerializationException("cannot read an escalation from " + topic, x);
            }
        };
    }
}
