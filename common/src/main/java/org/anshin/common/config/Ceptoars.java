package org.anshin.common.config;

import java.nio.file.Path;
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
    static final Shape CEPTOAR = new Shape("CEPTOAR '%s'", ID, NAME, TOPIC, CHANNELS);

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
            out.put(id, new Ceptoar(id, e.has(NAME) ? e.text(NAME) : id, e.text(TOPIC), e.raw(CHANNELS)));
        }
        return new Ceptoars(root.text(VERSION), out);
    }
}
