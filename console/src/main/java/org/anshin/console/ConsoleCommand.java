package org.anshin.console;

import java.util.Map;
import org.anshin.common.ServiceArgs;
import org.anshin.common.cli.Cli;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The command line of the console: the shared {@link ServiceArgs} and the console's own options ({@link ConsoleOptions}). */
@Command(name = "console", sortOptions = true, showDefaultValues = true, abbreviateSynopsis = true,
        description = "The secretariats' web console: incidents live, acknowledgements and advisories. Options may"
                + " also come from the environment (Env: below); the command line wins.")
public final class ConsoleCommand {
    @Mixin
    ServiceArgs shared = new ServiceArgs(ConsoleOptions.DEFAULT_PORT);

    @Option(names = "--ingest-url", paramLabel = "URL", defaultValue = "http://127.0.0.1:8080",
            description = "Where acknowledgements and advisories are sent.")
    String ingestUrl;

    @Option(names = "--session-idle-minutes", paramLabel = "N", defaultValue = "30",
            description = "A session ends after this long without a request.")
    long sessionIdleMinutes;

    @Option(names = "--session-max-hours", paramLabel = "N", defaultValue = "12",
            description = "And after this long whatever happens.")
    long sessionMaxHours;

    @Option(names = "--streams-per-session", paramLabel = "N", defaultValue = "4",
            description = "Live streams (/events) one session may hold (1 to 64).")
    int streamsPerSession;

    @Option(names = "--heartbeat-seconds", paramLabel = "N", defaultValue = "15",
            description = "Comment lines on idle live streams (1 to 300).")
    long heartbeatSeconds;

    @Option(names = "--signin-failures", paramLabel = "N", defaultValue = "5",
            description = "Failed sign-ins per client address ...")
    int signinFailures;

    @Option(names = "--signin-window-minutes", paramLabel = "N", defaultValue = "5",
            description = "... within this window, then it must wait.")
    long signinWindowMinutes;

    @Option(names = "--keep-incidents", paramLabel = "N", defaultValue = "2000",
            description = "Incidents each inbox and the record view hold in memory, those changed last (100 to 1000000);"
                    + " older ones leave the board (./anshin report reads the whole record).")
    int keepIncidents;

    @Option(names = "--topic-prefix", paramLabel = "P", defaultValue = "", description = "Prefix of every topic name (tests).")
    String topicPrefix;

    /** Parses a command line ({@code env} stands for the environment); a wrong one throws naming the option. */
    public static ConsoleCommand parse(String[] argv, Map<String, String> env) {
        return Cli.parse(new ConsoleCommand(), argv, env);
    }

    public ServiceArgs shared() {
        return shared;
    }

    /** The console options, checked. */
    public ConsoleOptions options() {
        return ConsoleOptions.from(this);
    }
}
