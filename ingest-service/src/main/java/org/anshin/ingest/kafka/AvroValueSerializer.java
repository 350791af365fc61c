package org.anshin.ingest.kafka;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.anshin.schemas.Advisory;
import org.anshin.schemas.AdvisoryFeedback;
import org.anshin.schemas.IncidentAcknowledgement;
import org.anshin.schemas.IncidentReport;
import org.anshin.schemas.IncidentShare;
import org.anshin.schemas.registry.SchemaRegistry;
import org.anshin.schemas.serde.ConfluentAvroSerde;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * One value serializer for every record ingest writes (reports, advisories, feedback, shares, acknowledgements),
 * so that they all go through the one producer with acks=all and idempotence: each type is written with its own
 * registered schema (subject per topic, as for reports).
 */
public final class AvroValueSerializer implements Serializer<SpecificRecord> {
    public static final List<Class<? extends SpecificRecord>> TYPES =
            List.of(IncidentReport.class, Advisory.class, AdvisoryFeedback.class, IncidentShare.class,
                    IncidentAcknowledgement.class);

    private final Map<Class<?>, Serializer<SpecificRecord>> byType = new LinkedHashMap<>();

    public AvroValueSerializer(SchemaRegistry registry, boolean autoRegister) {
        for (Class<? extends SpecificRecord> type : TYPES) {
            byType.put(type, erased(ConfluentAvroSerde.forValue(type, registry, autoRegister).serializer()));
        }
    }

    @SuppressWarnings("unchecked")
    private static Serializer<SpecificRecord> erased(Serializer<? extends SpecificRecord> serializer) {
        return (Serializer<SpecificRecord>) serializer; // only ever called with a record of its own type, below
    }

    @Override
    public byte[] serialize(String topic, SpecificRecord record) {
        if (record == null) {
            return null;
        }
        Serializer<SpecificRecord> serializer = byType.get(record.getClass());
        if (serializer == null) {
            throw new SerializationException("ingest does not write " + record.getClass().getSimpleName());
        }
        return serializer.serialize(topic, record);
    }
}
