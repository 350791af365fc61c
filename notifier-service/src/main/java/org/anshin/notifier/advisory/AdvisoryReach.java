package org.anshin.notifier.advisory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.anshin.common.config.Ceptoars;
import org.anshin.common.config.Operator;
import org.anshin.common.config.Operators;
import org.anshin.notifier.channel.ChannelSpec;
import org.anshin.notifier.channel.ChannelType;
import org.anshin.notifier.kafka.TopicRoute;
import org.anshin.schemas.AdvisoryNotice;
import org.anshin.schemas.AdvisorySeverity;
import org.anshin.schemas.Topics;

/**
 * Who receives an advisory notice: the recipient CEPTOAR's channels that say {@code advisories: true}, and, unless
 * the notice is {@code secretariatOnly} (TLP:AMBER+STRICT), the {@code contacts} of every operator of the notice's
 * {@code sectors} (the addressed sectors this CEPTOAR serves). A drill goes to drill channels ({@code exercise:
 * true}) only. TLP ({@code maxTlp}) and severity ({@link #reaches}) are checked per channel by the dispatcher,
 * which leaves a SKIPPED receipt for each channel kept out, so they are not filtered here.
 *
 * <p>An operator of two sectors served by two CEPTOARs, both addressed, gets the advisory from each (two notices,
 * two idempotency keys): the notice names only its own CEPTOAR's sectors, so no one notice can tell.
 */
public final class AdvisoryReach {
    private final Map<String, List<ChannelSpec>> ceptoarChannels;
    private final Map<String, List<ChannelSpec>> contacts;
    private final Operators operators;

    /**
     * @param ceptoarChannels every CEPTOAR's channels by CEPTOAR id (those without {@code advisories: true} are
     *                        dropped here)
     * @param contacts        every operator's contacts by operator id
     */
    public AdvisoryReach(Map<String, List<ChannelSpec>> ceptoarChannels, Map<String, List<ChannelSpec>> contacts,
                         Operators operators) {
        Map<String, List<ChannelSpec>> own = new LinkedHashMap<>();
        ceptoarChannels.forEach((id, specs) -> own.put(id, specs.stream().filter(ChannelSpec::advisories).toList()));
        this.ceptoarChannels = Map.copyOf(own);
        Map<String, List<ChannelSpec>> c = new LinkedHashMap<>();
        contacts.forEach((id, specs) -> c.put(id, specs.stream().filter(ChannelSpec::advisories).toList()));
        this.contacts = Map.copyOf(c);
        this.operators = operators;
    }

    /**
     * Severity decides reach: a CRITICAL advisory goes to every channel type (pagerduty and alertmanager page); INFO
     * and WARNING are read, not paged, so they never go to pagerduty or alertmanager channels.
     */
    public static boolean reaches(AdvisorySeverity severity, ChannelType type) {
        if (severity == AdvisorySeverity.CRITICAL) {
            return true;
        }
        return type != ChannelType.PAGERDUTY && type != ChannelType.ALERTMANAGER;
    }

    /** The channels of one notice read from {@code ceptoarId}'s topic ({@code exercise}: a drill, drill channels only). */
    public List<ChannelSpec> channels(String ceptoarId, AdvisoryNotice n, boolean exercise) {
        List<ChannelSpec> out = new ArrayList<>(ceptoarChannels.getOrDefault(ceptoarId, List.of()));
        if (!n.getSecretariatOnly()) {
            Set<String> sectors = Set.copyOf(n.getSectors());
            for (Operator op : operators.byId().values()) {
                if (op.sectors().stream().anyMatch(sectors::contains)) {
                    out.addAll(contacts.getOrDefault(op.id(), List.of()));
                }
            }
        }
        return exercise ? out.stream().filter(ChannelSpec::exercise).toList() : List.copyOf(out);
    }

    /** Whether anything at all takes advisories: without, the notifier does not read the advisory topics. */
    public boolean any() {
        return ceptoarChannels.values().stream().anyMatch(l -> !l.isEmpty())
                || contacts.values().stream().anyMatch(l -> !l.isEmpty());
    }

    /**
     * The advisory topics to read: {@code ceptoar.<id>.advisories} of every CEPTOAR of ceptoars.yaml but NISC (the
     * hub issues advisories, it is never their recipient), and its {@code exercise.} twin when the CEPTOAR has a
     * drill channel taking advisories or any operator has a drill contact (a contact's CEPTOAR depends on the
     * notice's sectors, so any drill contact may be reached through any CEPTOAR). A route's channels are the
     * CEPTOAR's own advisory channels; contacts are added per notice by {@link #channels}.
     */
    public Map<String, TopicRoute> routes(Ceptoars ceptoars, AdvisoryTopics topics) {
        boolean drillContacts = contacts.values().stream().flatMap(List::stream).anyMatch(ChannelSpec::exercise);
        Map<String, TopicRoute> routes = new LinkedHashMap<>();
        for (String id : ceptoars.byId().keySet()) {
            if (Topics.NISC_RECIPIENT.equals(id)) {
                continue;
            }
            List<ChannelSpec> own = ceptoarChannels.getOrDefault(id, List.of());
            String topic = topics.ofCeptoar().apply(id);
            routes.put(topic, new TopicRoute(topic, id, own, false));
            List<ChannelSpec> drill = own.stream().filter(ChannelSpec::exercise).toList();
            if (!drill.isEmpty() || drillContacts) {
                String t = Topics.exercise(topic);
                routes.put(t, new TopicRoute(t, id, drill, true));
            }
        }
        return routes;
    }

    /** Every channel an advisory can reach: the dispatcher makes their senders up front. */
    public List<ChannelSpec> contactSpecs() {
        return contacts.values().stream().flatMap(List::stream).toList();
    }
}
