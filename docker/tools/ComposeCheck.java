import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.anshin.common.config.AnshinConfig;
import org.anshin.common.config.Ceptoar;
import org.anshin.common.config.Ceptoars;
import org.anshin.common.config.ConfigException;
import org.anshin.common.config.Interdependency;
import org.anshin.common.config.Operators;
import org.anshin.common.config.VerificationLevels;
import org.anshin.schemas.TopicSpec;
import org.anshin.schemas.Topics;

/**
 * Checks of the compose stack that need the project's own code, run by docker/validate.sh as a
 * single-file program on the services' runtime classpath (no build step of its own):
 *
 * <pre>
 *   java -cp CP docker/tools/ComposeCheck.java topics REPO   print docker/create-topics.sh
 *   java -cp CP docker/tools/ComposeCheck.java config REPO   load the stack's config like a service
 * </pre>
 *
 * The topic script is generated, not hand-written, so that Topics.java stays the single source of
 * topic names, partitions and retention; validate.sh fails when the committed script differs.
 */
public final class ComposeCheck {
    private static final short COMPOSE_REPLICATION = 3;

    private ComposeCheck() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: ComposeCheck topics|config REPO_ROOT");
            System.exit(2);
        }
        Path repo = Path.of(args[1]);
        try {
            switch (args[0]) {
                case "topics" -> System.out.print(topicScript(composeCeptoars(repo)));
                case "config" -> checkConfig(repo);
                default -> {
                    System.err.println("unknown command " + args[0]);
                    System.exit(2);
                }
            }
        } catch (ConfigException e) {
            System.err.println("config error: " + e.getMessage());
            System.exit(1);
        }
    }

    private static Ceptoars composeCeptoars(Path repo) {
        return Ceptoars.load(repo.resolve("docker/config").resolve(Ceptoars.FILE));
    }

    /** Loads the files docker-compose.yml mounts into /app/config with the services' own loader. */
    private static void checkConfig(Path repo) throws IOException {
        Path dir = Files.createTempDirectory("anshin-compose-config");
        try {
            Path config = repo.resolve("config");
            Files.copy(config.resolve(VerificationLevels.FILE), dir.resolve(VerificationLevels.FILE));
            Files.copy(config.resolve(Interdependency.FILE), dir.resolve(Interdependency.FILE));
            Files.copy(config.resolve(Operators.FILE), dir.resolve(Operators.FILE));
            Files.copy(config.resolve("secretariats.yaml"), dir.resolve("secretariats.yaml"));
            Files.copy(config.resolve("sharing-agreements.yaml"), dir.resolve("sharing-agreements.yaml"));
            Files.copy(repo.resolve("docker/config").resolve(Ceptoars.FILE), dir.resolve(Ceptoars.FILE));
            AnshinConfig loaded = AnshinConfig.load(dir);
            List<String> problems = sameCeptoars(Ceptoars.load(config.resolve(Ceptoars.FILE)), loaded.ceptoars());
            if (!problems.isEmpty()) {
                problems.forEach(p -> System.err.println("docker/config/ceptoars.yaml: " + p));
                System.exit(1);
            }
            System.out.println("compose config loads: " + loaded.ceptoars().ids().size() + " CEPTOARs, "
                    + loaded.levels().bySector().size() + " sectors, " + loaded.operators().byId().size()
                    + " operators");
        } finally {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
            Files.delete(dir);
        }
    }

    /** The compose copy may change channels only: ids, names and topics must match the plan's file. */
    private static List<String> sameCeptoars(Ceptoars plan, Ceptoars compose) {
        List<String> problems = new ArrayList<>();
        if (!plan.ids().equals(compose.ids())) {
            problems.add("CEPTOAR ids " + compose.ids() + " differ from config/ceptoars.yaml " + plan.ids());
        }
        for (Ceptoar c : compose.byId().values()) {
            plan.of(c.id()).ifPresent(p -> {
                if (!p.name().equals(c.name()) || !p.topic().equals(c.topic())) {
                    problems.add("CEPTOAR '" + c.id() + "' name/topic differ from config/ceptoars.yaml");
                }
            });
            // NISC is listed among the recipients; its topic is nisc.incidents, not ceptoar.nisc.incidents
            if (!c.topic().equals(Topics.forRecipient(c.id()))) {
                problems.add("CEPTOAR '" + c.id() + "' topic " + c.topic() + " is not " + Topics.forRecipient(c.id()));
            }
        }
        return problems;
    }

    static String topicScript(Ceptoars ceptoars) {
        StringBuilder out = new StringBuilder();
        out.append("""
                #!/usr/bin/env bash
                # GENERATED from org.anshin.schemas.Topics (schemas/src/main/java/org/anshin/schemas/Topics.java,
                # the source of every topic name, partition count and retention) and the CEPTOAR ids of
                # docker/config/ceptoars.yaml. Do not edit: run `docker/validate.sh --write-topics`.
                # docker/validate.sh fails when this file and Topics.java disagree.
                #
                # Creates every topic, real and exercise, idempotently (--if-not-exists). Used by the compose
                # stack's topic-init job; works against any cluster:
                #   BOOTSTRAP_SERVERS=broker:9092 REPLICATION_FACTOR=3 KAFKA_TOPICS=kafka-topics.sh \\
                #   KAFKA_TOPICS_COMMAND_CONFIG=admin-client.properties ./create-topics.sh
                set -euo pipefail
                BOOTSTRAP_SERVERS="${BOOTSTRAP_SERVERS:-kafka-1:9092,kafka-2:9092,kafka-3:9092}"
                REPLICATION_FACTOR="${REPLICATION_FACTOR:-%d}"
                KAFKA_TOPICS="${KAFKA_TOPICS:-kafka-topics.sh}"
                # TLS/SASL settings of the admin client (security.protocol, ssl.*, sasl.*), if any
                command_config=()
                if [ -n "${KAFKA_TOPICS_COMMAND_CONFIG:-}" ]; then
                  command_config=(--command-config "${KAFKA_TOPICS_COMMAND_CONFIG}")
                fi

                create() {
                  local name="$1" partitions="$2"
                  shift 2
                  "${KAFKA_TOPICS}" --bootstrap-server "${BOOTSTRAP_SERVERS}" "${command_config[@]}" \\
                    --create --if-not-exists --topic "${name}" --partitions "${partitions}" \\
                    --replication-factor "${REPLICATION_FACTOR}" "$@"
                  echo "topic ${name}: ok"
                }

                """.formatted(COMPOSE_REPLICATION));
        List<TopicSpec> specs = Topics.all(ceptoars.ids(), COMPOSE_REPLICATION);
        for (TopicSpec spec : specs) {
            out.append("create ").append(spec.name()).append(' ').append(spec.partitions());
            Map<String, String> sorted = new TreeMap<>(spec.configs());
            sorted.forEach((k, v) -> out.append(" --config ").append(k).append('=').append(v));
            out.append('\n');
        }
        out.append("echo \"").append(specs.size()).append(" topics ready\"\n");
        return out.toString();
    }
}
