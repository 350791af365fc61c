package org.anshin.routing.record;

import org.anshin.schemas.DeliveryReceipt;
import org.anshin.schemas.IncidentRecord;
import org.anshin.schemas.IncidentRecordEntry;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Folds routing's decisions and the notifier's receipts of one incident (both keyed by incidentKey, in one task)
 * into its record, and forwards every new version to the record topic. A record that has only seen receipts
 * stays in the store and is not published until its first decision arrives.
 */
final class RecordProcessor extends ContextualProcessor<String, SpecificRecord, String, IncidentRecord> {
    private KeyValueStore<String, IncidentRecord> records;

    @Override
    public void init(ProcessorContext<String, IncidentRecord> context) {
        super.init(context);
        records = context.getStateStore(RecordTopology.RECORDS_STORE);
    }

    @Override
    public void process(Record<String, SpecificRecord> record) {
        if (record.key() == null || record.value() == null) {
            return;
        }
        IncidentRecord current = records.get(record.key());
        IncidentRecord next;
        if (record.value() instanceof IncidentRecordEntry entry) {
            next = RecordFold.apply(current, entry);
        } else if (record.value() instanceof DeliveryReceipt receipt) {
            next = RecordFold.apply(current, receipt);
        } else {
            throw new IllegalArgumentException("not a record input: " + record.value().getClass().getName());
        }
        if (next.equals(current)) {
            return;
        }
        records.put(record.key(), next);
        if (!RecordFold.isStub(next)) {
            context().forward(record.withValue(next));
        }
    }
}
