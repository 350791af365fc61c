package org.anshin.routing.escalation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.anshin.common.config.VerificationLevels;
import org.anshin.routing.topology.DueTimers;
import org.anshin.schemas.IncidentNotice;
import org.anshin.schemas.IncidentRecord;
import org.anshin.schemas.IncidentRecordEntry;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The escalations of the record's task: {@link EscalationRules} over two changelogged stores, the escalations by
 * incidentKey ({@value #STORE}) and their due index ({@value #DUE_STORE}, {@link DueTimers}: the punctuator
 * range-scans only what is due). The record processor asks for a {@link Change}, writes the notices it carries
 * into the record, serializes them, and then {@link #commit}s it: nothing is stored before everything that can
 * fail has.
 */
public final class Escalations {
    public static final String STORE = "incident-escalations";
    public static final String DUE_STORE = "incident-escalations-due";

    private final EscalationRules rules;
    private final EscalationNotices notices;
    private final EscalationMetrics metrics;
    private KeyValueStore<String, Escalation> store;
    private DueTimers due;

    public Escalations(EscalationPolicy policy, VerificationLevels levels, EscalationMetrics metrics) {
        this.rules = new EscalationRules(policy);
        this.notices = new EscalationNotices(levels);
        this.metrics = metrics;
    }

    public void init(ProcessingContext context) {
        store = context.getStateStore(STORE);
        due = new DueTimers(context.getStateStore(DUE_STORE));
    }

    /** What one input changes: the escalation before and after, and the notices to send for it. */
    public record Change(String incidentKey, Escalation before, EscalationRules.Step step,
                         List<IncidentNotice> notices) {
        public boolean sends() {
            return !notices.isEmpty();
        }
    }

    /** A routing decision folded into the record: may start clocks, or end them with RESOLVED copies. */
    public Change onEntry(String key, IncidentRecord before, IncidentRecord after, IncidentRecordEntry entry) {
        Escalation current = store.get(key);
        EscalationRules.Step step = rules.onEntry(current, before, after, entry);
        return change(key, current, step, after, entry.getAt());
    }

    /** An acknowledgement by {@code by}, folded into {@code record}. */
    public Change onAck(String key, IncidentRecord record, String by, Instant at) {
        Escalation current = store.get(key);
        return change(key, current, rules.onAck(current, by), record, at);
    }

    /** The keys whose escalation is due at {@code now}, taken out of the index (the commit re-schedules). */
    public List<String> takeDue(Instant now) {
        List<String> keys = new ArrayList<>();
        for (KeyValue<Instant, String> d : due.due(now)) {
            due.remove(d.key, d.value);
            keys.add(d.value);
        }
        return keys;
    }

    public Change onClock(String key, IncidentRecord record, Instant now) {
        Escalation current = store.get(key);
        return change(key, current, rules.onClock(current, record, now), record, now);
    }

    /** Writes the change's escalation and due time; counts its pages (call once its notices are forwarded). */
    public void commit(Change c) {
        Escalation next = c.step().next();
        if (next == null) {
            if (c.before() != null) {
                store.delete(c.incidentKey());
            }
        } else if (!next.equals(c.before())) {
            store.put(c.incidentKey(), next);
        }
        due.schedule(rules.nextDue(c.before()).orElse(null), rules.nextDue(next).orElse(null), c.incidentKey());
        c.step().pages().forEach(p -> metrics.paged(p.recipient(), p.tier().tier()));
    }

    private Change change(String key, Escalation current, EscalationRules.Step step, IncidentRecord record,
                          Instant at) {
        List<IncidentNotice> out = new ArrayList<>();
        step.pages().forEach(p -> out.add(notices.page(record, p, at)));
        step.closings().forEach(c -> out.add(notices.resolved(record, c, at)));
        return new Change(key, current, step, out);
    }
}
