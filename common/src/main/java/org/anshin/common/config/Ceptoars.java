package org.anshin.common.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code ceptoars.yaml}: every CEPTOAR with its topic and channels. */
public record Ceptoars(String version, Map<String, Ceptoar> byId) {
    public static final String FILE = "ceptoars.yaml";
    public static final String COUNCIL = "council";

    static final Key ID = Key.required("id", Key.Type.ID, "CEPTOAR id, named by verification-levels.yaml and in notices");
    static final Key NAME = Key.optional("name", Key.Type.TEXT, null, "display name (default: the id)");
    static final Key TOPIC = Key.required("topic", Key.Type.TEXT,
            "the Kafka topic routing writes the CEPTOAR's notices to, e.g. ceptoar.<id>.incidents");
    // the channel entries are notifier-service's to validate (ChannelSpecs); kept raw here
    static final Key CHANNELS = Key.optional("channels", Key.Type.RAW_LIST, List.of(),
            "notifier-service deliveries (see notifier-service/README.md)");
    static final Key TIER_AFTER = Key.required("after", Key.Type.DURATION,
            "how long the incident must have gone unacknowledged by this CEPTOAR's secretariat, e.g. PT15M");
    static final Key TIER_CHANNELS = Key.required("channels", Key.Type.TEXT_LIST,
            "ids of this CEPTOAR's channels (their 'id' key) that receive the tier's pages");
    static final Shape TIER = new Shape(null, TIER_AFTER, TIER_CHANNELS);
    static final Key ESCALATION = Key.optionalList("escalation", TIER,
            "tiers 2, 3, ... of the escalation policy (tier 1: every channel not named here, at once); an incident"
                    + " beyond its verification level that the secretariat has not acknowledged is re-paged to a"
                    + " tier when its 'after' has passed; acknowledgement or resolution stops it (default: none)");
    static final Shape CEPTOAR = new Shape("CEPTOAR '%s'", ID, NAME, TOPIC, CHANNELS, ESCALATION);

    static final Key VERSION = Key.optional("version", Key.Type.TEXT, "unversioned", "version of the list, e.g. 2026-04");
    static final Key CEPTOARS = Key.list("ceptoars", CEPTOAR, "one entry per CEPTOAR, NISC (id: nisc) included");
    static final Shape FILE_SHAPE = new Shape(null, VERSION, CEPTOARS);

    public Ceptoars {
        byId = Collections.unmodifiableMap(new LinkedHashMap<>(byId));
    }

    public Optional<Ceptoar> of(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public List<String> ids() {
        return List.copyOf(byId.keySet());
    }

    public static Ceptoars load(Path file) {
        Entry root = FILE_SHAPE.readTop(file, Yaml.read(file));
        Map<String, Ceptoar> out = new LinkedHashMap<>();
        for (Entry e : root.entries(CEPTOARS)) {
            String id = e.text(ID);
            if (out.containsKey(id)) {
                throw e.error("listed twice");
            }
            List<JsonNode> channels = e.raw(CHANNELS);
            out.put(id, new Ceptoar(id, e.has(NAME) ? e.text(NAME) : id, e.text(TOPIC), channels,
                    escalation(e, channels)));
        }
        return new Ceptoars(root.text(VERSION), out);
    }

    private static List<EscalationTier> escalation(Entry ceptoar, List<JsonNode> channels) {
        Set<String> ids = new LinkedHashSet<>();
        for (JsonNode c : channels) {
            JsonNode id = c.get("id");
            if (id != null && id.isTextual()) {
                ids.add(id.textValue());
            }
        }
        List<EscalationTier> tiers = new ArrayList<>();
        Set<String> tiered = new HashSet<>();
        Duration previous = Duration.ZERO;
        for (Entry t : ceptoar.entries(ESCALATION)) {
            int tier = tiers.size() + 2;
            Duration after = t.duration(TIER_AFTER).orElseThrow();
            if (after.compareTo(previous) <= 0) {
                throw ceptoar.error("escalation tier " + tier + " has 'after' " + after + ", which must be longer than "
                        + (tier == 2 ? "zero (tier 1 is paged at once)" : "tier " + (tier - 1) + "'s " + previous));
            }
            List<String> named = t.strings(TIER_CHANNELS);
            if (named.isEmpty()) {
                throw ceptoar.error("escalation tier " + tier + " names no channel");
            }
            for (String channel : named) {
                if (!ids.contains(channel)) {
                    throw ceptoar.error("escalation tier " + tier + " names channel '" + channel
                            + "', which is not the id of one of its channels " + ids);
                }
                if (!tiered.add(channel)) {
                    throw ceptoar.error("escalation names channel '" + channel + "' in two tiers");
                }
            }
            // every channel, with an id or without one (a channel without an id is in no tier)
            if (tiered.size() >= channels.size()) {
                throw ceptoar.error("escalation names every channel; leave at least one in tier 1 (named by no tier)");
            }
            tiers.add(new EscalationTier(tier, after, named));
            previous = after;
        }
        return tiers;
    }
}
