package org.anshin.ingest;

import java.util.Map;
import org.anshin.common.ServiceArgs;
import org.anshin.common.cli.Cli;
import org.anshin.ingest.http.InFlight;
import org.anshin.schemas.Topics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The command line of ingest-service: the shared {@link ServiceArgs} and ingest's own options (see {@link IngestOptions}). */
@Command(name = "ingest-service", sortOptions = true, showDefaultValues = true, abbreviateSynopsis = true,
        description = "Takes incident reports, advisories, shares and acknowledgements over HTTP and writes them to"
                + " Kafka. Options may also come from the environment (Env: below); the command line wins.")
public final class IngestCommand {
    @Mixin
    ServiceArgs shared = new ServiceArgs(IngestOptions.DEFAULT_PORT);

    @Option(names = "--auto-register-schemas", paramLabel = "true|false", arity = "1", defaultValue = "true",
            description = "Register IncidentReport's schema on first use.")
    boolean autoRegisterSchemas;

    @Option(names = "--delivery-timeout-ms", paramLabel = "N", defaultValue = "10000",
            description = "The longest wait for the broker's acknowledgement before a 503 (2000 to 120000).")
    long deliveryTimeoutMs;

    @Option(names = "--max-in-flight", paramLabel = "N", defaultValue = "" + InFlight.DEFAULT_LIMIT,
            description = "POSTs waiting for the broker's acknowledgement at once; more are answered 503 with"
                    + " Retry-After (1 to 100000).")
    int maxInFlight;

    @Option(names = "--max-block-ms", paramLabel = "N", defaultValue = "3000",
            description = "The longest wait for metadata while the broker is away (at most the delivery timeout).")
    long maxBlockMs;

    @Option(names = "--reports-topic", paramLabel = "NAME", defaultValue = Topics.REPORTS, description = "For tests.")
    String reportsTopic;

    @Option(names = "--advisories-topic", paramLabel = "NAME", defaultValue = Topics.ADVISORIES,
            description = "POST /v1/advisories (drills: exercise.NAME).")
    String advisoriesTopic;

    @Option(names = "--feedback-topic", paramLabel = "NAME", defaultValue = Topics.ADVISORY_FEEDBACK,
            description = "POST /v1/advisories/{id}/feedback.")
    String feedbackTopic;

    @Option(names = "--shares-topic", paramLabel = "NAME", defaultValue = Topics.SHARES,
            description = "POST /v1/incidents/{incidentKey}/shares.")
    String sharesTopic;

    @Option(names = "--acknowledgements-topic", paramLabel = "NAME", defaultValue = Topics.ACKNOWLEDGEMENTS,
            description = "POST /v1/incidents/{incidentKey}/acknowledgements.")
    String acknowledgementsTopic;

    @Option(names = "--problem-base-url", paramLabel = "URL",
            description = {"Absolute base of problem type URIs, ending in /; ingest serves GET /problems/{name}"
                    + " (docs/PROBLEMS.md); behind a proxy, its public address.",
                    "  Default: http://127.0.0.1:PORT/problems/"})
    String problemBaseUrl;

    /** Parses a command line ({@code env} stands for the environment); a wrong one throws naming the option. */
    public static IngestCommand parse(String[] argv, Map<String, String> env) {
        return Cli.parse(new IngestCommand(), argv, env);
    }

    public ServiceArgs shared() {
        return shared;
    }

    /** The ingest options, checked. */
    public IngestOptions options() {
        return IngestOptions.from(this);
    }
}
