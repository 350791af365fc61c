package org.anshin.schemas.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.anshin.schemas.registry.RestSchemaRegistryClient;
import org.anshin.schemas.registry.SchemaRegistry;
import org.anshin.schemas.registry.SchemaRegistryException;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serde for Avro {@link SpecificRecord}s in the Confluent wire format: magic byte 0, the 4-byte
 * big-endian schema id, then Avro binary. Subject is {@code <topic>-value} (or {@code -key}).
 * Records are read with the writer's schema fetched by id and the reader's schema from the class,
 * so an old writer and a new reader work together (schema evolution).
 *
 * <p>Each instance is immutable after construction; nothing is static, so two topologies in one JVM
 * never share a registry by accident.
 */
public final class ConfluentAvroSerde<T extends SpecificRecord> implements Serde<T> {

    public static final byte MAGIC_BYTE = 0;
    /** Kafka-style config key for the registry URL when the serde is built from properties. */
    public static final String REGISTRY_URL_CONFIG = "schema.registry.url";
    public static final String AUTO_REGISTER_CONFIG = "auto.register.schemas";

    private final Class<T> type;
    private final Schema readerSchema;
    private final SpecificData model;
    private final boolean autoRegister;
    private final boolean isKey;
    /** When set, the subject of every write whatever the topic (state stores, repartition topics). */
    private final String fixedSubject;
    private volatile SchemaRegistry registry;
    private final Map<String, Integer> idBySubject = new ConcurrentHashMap<>();
    private final Map<Integer, SpecificDatumReader<T>> readersByWriterId = new ConcurrentHashMap<>();

    private ConfluentAvroSerde(Class<T> type, SchemaRegistry registry, boolean autoRegister, boolean isKey) {
        this(type, registry, autoRegister, isKey, null);
    }

    private ConfluentAvroSerde(Class<T> type, SchemaRegistry registry, boolean autoRegister, boolean isKey,
                               String fixedSubject) {
        this.fixedSubject = fixedSubject;
        this.type = Objects.requireNonNull(type, "type");
        this.model = SpecificData.getForClass(type);
        this.readerSchema = model.getSchema(type);
        this.registry = registry;
        this.autoRegister = autoRegister;
        this.isKey = isKey;
    }

    /** A value serde for {@code type}; registers its schema on first write when {@code autoRegister}. */
    public static <T extends SpecificRecord> ConfluentAvroSerde<T> forValue(Class<T> type, SchemaRegistry registry,
                                                                            boolean autoRegister) {
        return new ConfluentAvroSerde<>(type, Objects.requireNonNull(registry, "registry"), autoRegister, false);
    }

    /**
     * A value serde for an application's internal topics (state-store changelogs, repartition topics), whose
     * names depend on the application id: it registers {@code type}'s schema under the fixed subject
     * {@code <full record name>-internal} instead of one subject per topic. The application owns these schemas,
     * so it registers them itself; readers still resolve the writer's schema by its id.
     */
    public static <T extends SpecificRecord> ConfluentAvroSerde<T> forInternal(Class<T> type, SchemaRegistry registry) {
        return new ConfluentAvroSerde<>(type, Objects.requireNonNull(registry, "registry"), true, false,
                type.getName() + "-internal");
    }

    /** A value serde that builds its REST registry client from {@code schema.registry.url} in configure(). */
    public static <T extends SpecificRecord> ConfluentAvroSerde<T> configurable(Class<T> type) {
        return new ConfluentAvroSerde<>(type, null, true, false);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean key) {
        if (registry == null) {
            Object url = configs.get(REGISTRY_URL_CONFIG);
            if (url == null) {
                throw new IllegalArgumentException(REGISTRY_URL_CONFIG + " is required for " + type.getSimpleName());
            }
            registry = new RestSchemaRegistryClient(url.toString());
        }
    }

    public Class<T> type() {
        return type;
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, record) -> serialize(topic, record);
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> deserialize(bytes);
    }

    public byte[] serialize(String topic, T record) {
        if (record == null) {
            return null; // tombstone
        }
        int id = schemaId(subject(topic));
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        out.write(MAGIC_BYTE);
        out.writeBytes(ByteBuffer.allocate(4).putInt(id).array());
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        try {
            new SpecificDatumWriter<T>(readerSchema, model).write(record, encoder);
            encoder.flush();
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("cannot write " + type.getSimpleName() + " for topic " + topic + ": " + e, e);
        }
        return out.toByteArray();
    }

    public T deserialize(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        if (bytes.length < 5 || bytes[0] != MAGIC_BYTE) {
            throw new SerializationException("not Confluent wire format: expected magic byte 0 and a 4-byte schema id, got "
                    + bytes.length + " bytes starting with " + (bytes.length == 0 ? "nothing" : "0x" + Integer.toHexString(bytes[0] & 0xff)));
        }
        int writerId = ByteBuffer.wrap(bytes, 1, 4).getInt();
        try {
            SpecificDatumReader<T> reader = readersByWriterId.computeIfAbsent(writerId,
                    id -> new SpecificDatumReader<>(registry().byId(id), readerSchema, model));
            BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, 5, bytes.length - 5, null);
            return reader.read(null, decoder);
        } catch (SchemaRegistryException.NotFound e) {
            throw new SerializationException("unknown schema id " + writerId + ": " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            if (e instanceof SchemaRegistryException.Unavailable) {
                throw (SchemaRegistryException.Unavailable) e; // retriable, not a poison record
            }
            throw new SerializationException("cannot read " + type.getSimpleName() + " with writer schema id "
                    + writerId + ": " + e, e);
        }
    }

    private int schemaId(String subject) {
        Integer id = idBySubject.get(subject);
        if (id == null) {
            id = autoRegister ? registry().register(subject, readerSchema) : registry().idOf(subject, readerSchema);
            idBySubject.put(subject, id);
        }
        return id;
    }

    private String subject(String topic) {
        if (fixedSubject != null) {
            return fixedSubject;
        }
        return topic + (isKey ? "-key" : "-value");
    }

    private SchemaRegistry registry() {
        SchemaRegistry r = registry;
        if (r == null) {
            throw new IllegalStateException("serde for " + type.getSimpleName() + " used before configure()");
        }
        return r;
    }
}
