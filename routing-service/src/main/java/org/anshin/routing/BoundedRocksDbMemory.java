package org.anshin.routing;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Caps RocksDB's off-heap memory for all state stores of the process together. Left alone, every
 * store instance (one per store per task: 12 partitions x 2 stores here) gets its own block cache and
 * memtables, which is what made routing's resident memory grow past its heap. Following Kafka Streams'
 * "bounded memory" recipe, one cache and one write-buffer manager are shared by every store.
 */
public final class BoundedRocksDbMemory implements RocksDBConfigSetter {
    /** Block cache plus memtables for every store of the process. */
    static final long TOTAL_OFF_HEAP_BYTES = 32L * 1024 * 1024;
    static final long TOTAL_MEMTABLE_BYTES = 8L * 1024 * 1024;
    private static final long MEMTABLE_BYTES = 2L * 1024 * 1024;

    // Shared on purpose: the bound is per process, and Kafka Streams instantiates one setter per store.
    private static final Cache CACHE = new LRUCache(TOTAL_OFF_HEAP_BYTES, -1, false, 0.1);
    private static final WriteBufferManager WRITE_BUFFERS = new WriteBufferManager(TOTAL_MEMTABLE_BYTES, CACHE);

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(CACHE);
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setWriteBufferManager(WRITE_BUFFERS);
        options.setMaxWriteBufferNumber(2);
        options.setWriteBufferSize(MEMTABLE_BYTES);
        options.setTableFormatConfig(table);
    }

    @Override
    public void close(String storeName, Options options) {
        // the cache and write-buffer manager are shared by every store: never closed per store
    }
}
