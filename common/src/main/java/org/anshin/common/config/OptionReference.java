package org.anshin.common.config;

import java.util.List;

/**
 * The services' command-line options for docs/CONFIGURATION.md. Unlike the config keys they are not declared as
 * data in one place: the shared ones are {@code ServiceArgs} (whose table of environment variables this list
 * must match), the others are read where each service parses its arguments. So they are listed here by hand,
 * and ConfigurationReferenceTest fails when an environment variable of ServiceArgs or an option name read in a
 * service's sources is missing from this list.
 */
final class OptionReference {
    /**
     * @param usage       how it is written, e.g. {@code --port N}; the first word is the option's name
     * @param environment its environment variable, or null when it is command line only
     */
    record Option(String usage, String environment, String defaultValue, String meaning) {
        String name() {
            return usage.split(" ")[0].substring(2);
        }
    }

    /** A group of options: where they are read and by whom. */
    record Group(String title, String declaredIn, List<Option> options) {
    }

    private static Option env(String usage, String environment, String defaultValue, String meaning) {
        return new Option(usage, environment, defaultValue, meaning);
    }

    private static Option cli(String usage, String defaultValue, String meaning) {
        return new Option(usage, null, defaultValue, meaning);
    }

    static final List<Group> GROUPS = List.of(
            new Group("Shared by the services", "common/src/main/java/org/anshin/common/ServiceArgs.java", List.of(
                    env("--config DIR", "ANSHIN_CONFIG_DIR", "`./config`", "the folder of the files above"),
                    env("--bootstrap-servers H:P,...", "KAFKA_BOOTSTRAP_SERVERS", "`127.0.0.1:9092`", "Kafka"),
                    env("--schema-registry-url URL", "SCHEMA_REGISTRY_URL", "`http://127.0.0.1:8081/apis/ccompat/v7`",
                            "any Confluent-API schema registry"),
                    env("--port N", "ANSHIN_PORT", "ingest 8080, routing 8082, notifier 8083, console 8084",
                            "the HTTP port (API, health, metrics)"),
                    env("--state-dir DIR", "ANSHIN_STATE_DIR", "`./var/routing`", "routing: Kafka Streams state"),
                    env("--kafka-config FILE", "ANSHIN_KAFKA_CONFIG", "none",
                            "a properties file passed untouched to every Kafka client (TLS, SASL, tuning)"),
                    env("--advertised-host HOST", "ANSHIN_ADVERTISED_HOST", "`127.0.0.1`",
                            "routing: how other instances reach this one (`application.server`)"),
                    env("--bind-address ADDR", "ANSHIN_BIND_ADDRESS", "`127.0.0.1`",
                            "the interface the HTTP port listens on"),
                    env("--instance-id ID", "ANSHIN_INSTANCE_ID", "none (dynamic membership)",
                            "routing, notifier: static group membership; each live instance its own id"),
                    env("--routing-url URL", "ANSHIN_ROUTING_URL", "`http://127.0.0.1:8082`",
                            "ingest: where routing answers incident queries"),
                    env("--internal-token T", "ANSHIN_INTERNAL_TOKEN", "required (ingest, routing)",
                            "the shared secret of routing's internal query API, at least 16 characters"),
                    env("--internal-token-file F", "ANSHIN_INTERNAL_TOKEN_FILE", "none",
                            "a file holding the internal token (Docker/Kubernetes secrets)"),
                    env("--pseudonym-key K", "ANSHIN_PSEUDONYM_KEY", "required (routing)",
                            "HMAC key of cascade-warning pseudonyms, at least 16 bytes, the same on every instance"),
                    env("--pseudonym-key-file F", "ANSHIN_PSEUDONYM_KEY_FILE", "none", "a file holding the pseudonym key"),
                    env("--profile local|production", "ANSHIN_PROFILE", "`production`",
                            "`local` accepts the public demo tokens; `./anshin up` passes it"),
                    env("--allow-demo-tokens true|false", "ANSHIN_ALLOW_DEMO_TOKENS", "`false`",
                            "ingest, console: start outside `local` although a config accepts a demo token"))),
            new Group("ingest-service", "ingest-service/src/main/java/org/anshin/ingest/IngestOptions.java", List.of(
                    cli("--auto-register-schemas true|false", "`true`", "register `IncidentReport` on first use"),
                    cli("--delivery-timeout-ms N", "`10000` (2000 to 120000)",
                            "the longest wait for the broker's acknowledgement before a 503"),
                    cli("--max-block-ms N", "`3000`", "the longest wait for metadata while the broker is away"),
                    cli("--reports-topic NAME", "`incidents.reports`", "for tests"),
                    cli("--advisories-topic NAME", "`advisories`", "for tests"),
                    cli("--feedback-topic NAME", "`advisories.feedback`", "for tests"),
                    cli("--shares-topic NAME", "`incidents.shares`", "for tests"),
                    cli("--acknowledgements-topic NAME", "`incidents.acknowledgements`", "for tests"),
                    cli("--problem-base-url URL", "`http://127.0.0.1:<port>/problems/`",
                            "absolute base of problem `type` URIs, ending in `/`; ingest serves `GET /problems/{name}`"
                                    + " (docs/PROBLEMS.md); behind a proxy, its public address"))),
            new Group("routing-service", "routing-service/src/main/java/org/anshin/routing/RoutingMain.java", List.of(
                    cli("--application-id ID", "`anshin-routing`", "the Kafka Streams `application.id`"),
                    cli("--auto-register-schemas true|false", "`true`", "register the `IncidentNotice` schema per topic"),
                    cli("--closing-period DURATION", "`P30D` (at least 1 minute)",
                            "how long a resolved incident stays open to reports with the same id"),
                    cli("--escalation-check-interval DURATION", "`PT10S` (`PT0.1S` to `PT30S`)",
                            "how often due escalation tiers are paged ([ESCALATION.md](ESCALATION.md))"))),
            new Group("notifier-service (meanings in [notifier-service/README.md](../notifier-service/README.md),"
                    + " section \"Options\")",
                    "notifier-service/src/main/java/org/anshin/notifier/NotifierSettings.java", List.of(
                    cli("--group-id ID", "`anshin-notifier`", "the consumer group"),
                    cli("--delivery-workers N", "`8` (1 to 256)", "delivery lanes"),
                    cli("--max-sends-per-channel N", "`8` (1 to 1000)", "sends in flight to one channel"),
                    cli("--max-in-flight N", "`1000`", "unsettled notices before the partitions pause"),
                    cli("--max-attempts N", "`6`", "attempts per notice and channel"),
                    cli("--max-age DURATION", "`PT10M`", "no attempt starts later than this after the first"),
                    cli("--initial-backoff DURATION", "`PT1S`", "first retry delay (doubling, 50-100 % jitter)"),
                    cli("--max-backoff DURATION", "`PT60S`", "longest retry delay"),
                    cli("--send-timeout DURATION", "`PT10S`", "the whole HTTP attempt, each SMTP step"),
                    cli("--max-notice-age DURATION", "`PT24H`", "older notices are never sent; `PT0S` turns it off"),
                    cli("--drain-timeout DURATION", "`PT20S` (at most 5 min)", "shutdown wait for sends in progress"),
                    cli("--ledger-retention DURATION", "`PT720H`", "the delivery ledger forgets a pair after this"),
                    cli("--ledger-max-entries N", "`200000`", "ledger size before it evicts old pairs"),
                    cli("--commit-interval DURATION", "`PT1S`", "how often settled offsets are committed"),
                    cli("--revoke-grace DURATION", "`PT15S`", "rebalance wait for in-flight notices"),
                    cli("--incident-url-template URL", "`http://127.0.0.1:8084/incidents/{incidentKey}`",
                            "the incident's page in pages, mails and Slack messages"),
                    cli("--deliveries-topic NAME", "`notifications.deliveries`", "for tests"),
                    cli("--delivery-state-topic NAME", "`notifications.delivery-state`", "for tests"),
                    cli("--dead-letter-topic NAME", "`notifications.dead-letter`", "for tests"),
                    cli("--alerts-firing-topic NAME", "`notifications.alerts-firing`", "for tests"))),
            new Group("local inbox of `./anshin up`",
                    "local-inbox/src/main/java/org/anshin/inbox/LocalInboxMain.java", List.of(
                    cli("--host HOST", "`127.0.0.1`", "the interface it listens on"),
                    cli("--http-port N", "`9199`", "webhooks, `GET /inbox`"),
                    cli("--smtp-port N", "`2525`", "mail"))),
            new Group("console", "console/src/main/java/org/anshin/console/ConsoleOptions.java", List.of(
                    cli("--ingest-url URL", "`http://127.0.0.1:8080`", "where acknowledgements and advisories are sent"),
                    cli("--session-idle-minutes N", "`30`", "a session ends after this long without a request"),
                    cli("--session-max-hours N", "`12`", "and after this long whatever happens"),
                    cli("--streams-per-session N", "`4` (1 to 64)", "live streams one session may hold"),
                    cli("--heartbeat-seconds N", "`15` (1 to 300)", "comment lines on idle live streams"),
                    cli("--signin-failures N", "`5`", "failed sign-ins per client address ..."),
                    cli("--signin-window-minutes N", "`5`", "... within this window, then it must wait"),
                    cli("--topic-prefix P", "none", "prefix of every topic name (tests)"))));

    private OptionReference() {
    }

    static String markdown() {
        StringBuilder out = new StringBuilder("## Service options\n\n");
        out.append("Options are written `--name value` or `--name=value`. Where an environment variable exists the"
                + " command line wins,\nthen the environment, then the default; the others are command line only."
                + " The options are parsed by hand\n(not declared as data like the keys above), so this list is kept"
                + " by hand in\n`common/src/main/java/org/anshin/common/config/OptionReference.java`; its test fails"
                + " when `ServiceArgs` has an\nenvironment variable, or a service's sources read an option, that the"
                + " list lacks. The launcher's and the\ntools' options (`./anshin up --fresh`, `demo`, `replay`,"
                + " `report`, ...) are in [contract.md](contract.md), section 1.\n");
        for (Group group : GROUPS) {
            out.append("\n### ").append(group.title()).append("\n\nRead in `").append(group.declaredIn())
                    .append("`.\n\n| option | environment | default | meaning |\n|---|---|---|---|\n");
            for (Option o : group.options()) {
                out.append("| `").append(ConfigReference.cell(o.usage())).append("` | ")
                        .append(o.environment() == null ? "-" : "`" + o.environment() + "`").append(" | ")
                        .append(ConfigReference.cell(o.defaultValue())).append(" | ")
                        .append(ConfigReference.cell(o.meaning())).append(" |\n");
            }
        }
        return out.toString();
    }
}
