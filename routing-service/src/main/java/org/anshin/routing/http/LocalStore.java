package org.anshin.routing.http;

import java.util.Optional;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** One queryable key-value store of the Streams app, keyed by strings: who owns a key, and this instance's share. */
record LocalStore<V>(KafkaStreams streams, String name) {

    /** The instance that owns {@code key}'s partition; empty while Streams is not RUNNING or rebalancing. */
    Optional<HostInfo> owner(String key) {
        if (streams.state() != KafkaStreams.State.RUNNING) {
            return Optional.empty();
        }
        KeyQueryMetadata meta = streams.queryMetadataForKey(name, key, Serdes.String().serializer());
        return meta == null || meta == KeyQueryMetadata.NOT_AVAILABLE ? Optional.empty() : Optional.of(meta.activeHost());
    }

    ReadOnlyKeyValueStore<String, V> local() {
        return streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, V>keyValueStore()));
    }
}
