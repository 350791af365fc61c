package org.anshin.routing.incident;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serde of {@link IncidentState} for the store and its changelog: writes the compact binary
 * {@link IncidentStateCodec} (the state is internal, read by this service only); reads that and the
 * JSON entries of earlier versions, so existing stores and changelogs stay readable after an upgrade.
 * {@link #mapper()} reads those JSON entries.
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
                return IncidentStateCodec.encode(state);
            } catch (NullPointerException e) { // a required field is missing
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
                if (bytes.length > 0 && IncidentStateCodec.reads(bytes[0])) {
                    return IncidentStateCodec.decode(bytes[0], new ByteArrayInputStream(bytes, 1, bytes.length - 1));
                }
                return mapper.readValue(bytes, IncidentState.class); // written before the binary format
            } catch (IOException | IllegalArgumentException e) {
                throw new SerializationException("cannot read incident state from " + topic, e);
            }
        };
    }
}
