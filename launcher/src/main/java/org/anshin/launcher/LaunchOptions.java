package org.anshin.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.anshin.common.cli.Cli;
import picocli.CommandLine;

/**
 * What {@code ./anshin up} runs with, resolved from its command line ({@link UpCommand}, parsed by picocli through
 * {@link AnshinCommand}).
 *
 * @param home the repository root (where the modules are built)
 * @param serviceJvmOptions appended to {@link Stack#SERVICE_JVM_ARGS} for the pipeline services and the console
 */
public record LaunchOptions(String command, boolean fresh, Path configDir, Path varDir, Path home, int kafkaPort,
                            int controllerPort, int registryPort, Path apicurioDir, boolean services,
                            Duration readyTimeout, List<String> serviceJvmOptions) {

    public LaunchOptions {
        serviceJvmOptions = List.copyOf(serviceJvmOptions);
    }

    /** The services' JVM options: the launcher's own, then the user's (HotSpot takes the last of a repeated flag). */
    public List<String> serviceJvmArgs() {
        return Stream.concat(Stack.SERVICE_JVM_ARGS.stream(), serviceJvmOptions.stream()).toList();
    }

    public Path kafkaDataDir() {
        return varDir.resolve("kafka");
    }

    public Path logDir() {
        return varDir.resolve("logs");
    }

    /**
     * Parses {@code args} (the command {@code up} and its options); relative paths given on the command line are
     * resolved against {@code cwd}, defaults against {@code home}.
     *
     * @throws UsageException a wrong command line, help asked for, or a command other than {@code up}
     */
    public static LaunchOptions parse(List<String> args, Path home, Path cwd) {
        return parse(args, home, cwd, System.getenv());
    }

    /** As {@link #parse(List, Path, Path)}, the environment defaults ({@code ANSHIN_SERVICE_JVM_OPTIONS}) read from {@code env}. */
    public static LaunchOptions parse(List<String> args, Path home, Path cwd, Map<String, String> env) {
        CommandLine.ParseResult result;
        try {
            result = AnshinCommand.commandLine(env).parseArgs(args.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            throw new UsageException(message(e));
        }
        if (!result.hasSubcommand()) {
            throw new UsageException(args.isEmpty() ? "no command given" : "no command given, only options");
        }
        CommandLine.ParseResult sub = result.subcommand();
        if (!(sub.commandSpec().userObject() instanceof UpCommand up)) {
            throw new UsageException("'" + sub.commandSpec().name() + "' is run by the ./anshin script in its own JVM,"
                    + " not by the launcher");
        }
        if (result.isUsageHelpRequested() || sub.isUsageHelpRequested()) {
            throw new UsageException("help asked for");
        }
        return up.options(home, cwd);
    }

    /** Picocli's message, but an unknown command named as such (the launcher has no secrets to hide). */
    static String message(CommandLine.ParameterException e) {
        if (e instanceof CommandLine.UnmatchedArgumentException u && e.getCommandLine().getParent() == null
                && !u.getUnmatched().isEmpty() && !u.getUnmatched().get(0).startsWith("-")) {
            return "unknown command '" + u.getUnmatched().get(0) + "' (the commands: ./anshin --help)";
        }
        return Cli.message(e);
    }
}
