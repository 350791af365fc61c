package org.anshin.schemas.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;

/**
 * A registry held in memory for TopologyTestDriver unit tests and tools that run without a registry. Integration
 * tests use the real registry instead. It applies the real registry's rule, FULL_TRANSITIVE per subject: a new
 * version must read data of every earlier version and every earlier version must read its data, so a topology test
 * that registers a schema only a BACKWARD registry would take fails here as it would against Apicurio.
 */
public final class InMemorySchemaRegistry implements SchemaRegistry {

    private final Map<Integer, Schema> byId = new ConcurrentHashMap<>();
    private final Map<String, List<Schema>> versions = new ConcurrentHashMap<>();
    private final Map<String, Integer> idByCanonical = new ConcurrentHashMap<>();

    @Override
    public synchronized int register(String subject, Schema schema) {
        List<Schema> registered = versions.computeIfAbsent(subject, s -> new ArrayList<>());
        if (!registered.contains(schema)) {
            if (!isCompatible(subject, schema)) {
                throw new SchemaRegistryException.Incompatible("schema for subject '" + subject
                        + "' is not FULL_TRANSITIVE compatible with its registered versions");
            }
            registered.add(schema);
        }
        return idByCanonical.computeIfAbsent(schema.toString(), s -> {
            int id = byId.size() + 1;
            byId.put(id, schema);
            return id;
        });
    }

    @Override
    public synchronized int idOf(String subject, Schema schema) {
        List<Schema> registered = versions.get(subject);
        if (registered == null || !registered.contains(schema)) {
            throw new SchemaRegistryException.NotFound("schema not registered under subject '" + subject + "'");
        }
        return idByCanonical.get(schema.toString());
    }

    @Override
    public Schema byId(int id) {
        Schema schema = byId.get(id);
        if (schema == null) {
            throw new SchemaRegistryException.NotFound("no schema with id " + id);
        }
        return schema;
    }

    @Override
    public synchronized boolean isCompatible(String subject, Schema schema) {
        List<Schema> registered = versions.get(subject);
        if (registered == null) {
            return true;
        }
        for (Schema earlier : registered) {
            if (!readable(schema, earlier) || !readable(earlier, schema)) {
                return false;
            }
        }
        return true;
    }

    private static boolean readable(Schema reader, Schema writer) {
        return SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getType()
                == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE;
    }

    /** Forgets every version of a subject (as a registry's soft delete does); ids stay readable. */
    public synchronized void deleteSubject(String subject) {
        versions.remove(subject);
    }
}
