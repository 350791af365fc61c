package org.anshin.routing.incident;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * JSON serde of {@link IncidentState} for the store and its changelog. JSON rather than Avro: the
 * state is internal, read by this service only, and the HTTP API returns the same document.
 */
public final class IncidentStateSerde implements Serde<IncidentState> {
    private final ObjectMapper mapper = mapper();

    public static ObjectMapper mapper() {
        return new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }

    @Override
    public Serializer<IncidentState> serializer() {
        return (topic, state) -> {
            if (state == null) {
                return null;
            }
            try {
                return mapper.writeValueAsBytes(state);
            } catch (IOException e) {
                throw new SerializationException("cannot write incident state " + state.incidentId(), e);
            }
        };
    }

    @Override
    public Deserializer<IncidentState> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                return mapper.readValue(bytes, IncidentState.class);
            } catch (IOException e) {
                throw new SerializationException("cannot read incident state from " + topic, e);
            }
        };
    }
}
