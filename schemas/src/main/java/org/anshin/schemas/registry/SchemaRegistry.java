package org.anshin.schemas.registry;

import org.apache.avro.Schema;

/**
 * The part of the Confluent Schema Registry API that Anshin needs. Implemented over REST by
 * {@link RestSchemaRegistryClient} (Confluent, Apicurio ccompat, Karapace, Redpanda) and in memory by
 * {@link InMemorySchemaRegistry} for topology unit tests.
 */
public interface SchemaRegistry {

    /** Registers the schema under the subject (idempotent) and returns its global id. */
    int register(String subject, Schema schema);

    /** Returns the id of a schema already registered under the subject; fails if it is not registered. */
    int idOf(String subject, Schema schema);

    /** Returns the schema with this global id. */
    Schema byId(int id);

    /** True when the schema may be registered under the subject by the subject's compatibility rule. */
    boolean isCompatible(String subject, Schema schema);
}
