package org.anshin.routing;

import java.time.Duration;
import java.util.Map;
import org.anshin.common.ServiceArgs;
import org.anshin.common.cli.Cli;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The command line of routing-service: the shared {@link ServiceArgs} and routing's own options. */
@Command(name = "routing-service", sortOptions = true, showDefaultValues = true, abbreviateSynopsis = true,
        description = "Classifies incident reports (Kafka Streams), routes notices to the CEPTOARs, pages escalation"
                + " tiers and answers incident queries. Options may also come from the environment (Env: below); the"
                + " command line wins.")
public final class RoutingCommand {
    @Mixin
    ServiceArgs shared = new ServiceArgs(RoutingMain.DEFAULT_PORT);

    @Option(names = "--application-id", paramLabel = "ID", defaultValue = RoutingStreamsConfig.DEFAULT_APPLICATION_ID,
            description = "The Kafka Streams application.id.")
    String applicationId;

    @Option(names = "--auto-register-schemas", paramLabel = "true|false", arity = "1", defaultValue = "true",
            description = "Register the IncidentNotice schema per topic.")
    boolean autoRegisterSchemas;

    @Option(names = "--closing-period", paramLabel = "DURATION", defaultValue = "P30D",
            description = "How long a resolved incident stays open to reports with the same id (at least 1 minute).")
    Duration closingPeriod;

    @Option(names = "--commit-interval", paramLabel = "DURATION",
            defaultValue = "${env:ANSHIN_ROUTING_COMMIT_INTERVAL:-PT0.01S}",
            description = "How often the exactly-once transaction commits (notices become visible then), PT0.005S to"
                    + " PT5S; longer for bulk replays.")
    Duration commitInterval;

    @Option(names = "--escalation-check-interval", paramLabel = "DURATION", defaultValue = "PT10S",
            description = "How often due escalation tiers are paged, PT0.1S to PT30S (docs/ESCALATION.md).")
    Duration escalationCheckInterval;

    /** Parses a command line ({@code env} stands for the environment); a wrong one throws naming the option. */
    public static RoutingCommand parse(String[] argv, Map<String, String> env) {
        return Cli.parse(new RoutingCommand(), argv, env);
    }

    public ServiceArgs shared() {
        return shared;
    }
}
