package org.anshin.common.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Help.Ansi.Text;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * How every Anshin command line is parsed: picocli, with {@code ${env:NAME:-default}} fallbacks read from a given
 * environment ({@link EnvDefaults}), each option's environment variable shown in {@code --help} under its default,
 * no {@code @file} expansion (a service argument is never a file to splice in), and a repeated option overriding
 * the earlier one (as the hand-written parsers did, so that a wrapper can append to a command line).
 */
public final class Cli {
    private Cli() {
    }

    /** A configured picocli command line for {@code command}; defaults with an environment fallback read {@code env}. */
    public static CommandLine commandLine(Object command, Map<String, String> env) {
        return configure(new CommandLine(command), env);
    }

    /** Configures {@code cl} and its subcommands (add them first) as {@link #commandLine} does. */
    public static CommandLine configure(CommandLine cl, Map<String, String> env) {
        configure(cl, new EnvDefaults(env));
        return cl;
    }

    private static void configure(CommandLine cl, EnvDefaults defaults) {
        cl.setDefaultValueProvider(defaults);
        cl.setExpandAtFiles(false);
        cl.setOverwrittenOptionsAllowed(true);
        cl.registerConverter(java.time.Duration.class, Cli::duration);
        cl.setUsageHelpAutoWidth(false);
        cl.setUsageHelpWidth(100);
        cl.setUsageHelpLongOptionsMaxWidth(32);
        cl.setParameterExceptionHandler(Cli::usageError);
        cl.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_OPTION_LIST, Cli::optionList);
        cl.getSubcommands().values().forEach(sub -> configure(sub, defaults));
    }

    /**
     * Parses {@code argv} into {@code command}'s fields. On {@code --help} (or {@code --version}) prints it to
     * {@code out} and returns empty: the caller exits 0.
     *
     * @throws UsageError a wrong command line, with picocli's message naming the option
     */
    public static <T> Optional<T> parse(T command, String[] argv, Map<String, String> env, PrintStream out) {
        CommandLine cl = commandLine(command, env);
        try {
            cl.parseArgs(argv);
        } catch (ParameterException e) {
            throw new UsageError(message(e), e);
        }
        if (cl.isUsageHelpRequested()) {
            cl.usage(out);
            return Optional.empty();
        }
        if (cl.isVersionHelpRequested()) {
            cl.printVersionHelp(out);
            return Optional.empty();
        }
        return Optional.of(command);
    }

    /**
     * For a service's {@code main}: if {@code argv} asks for {@code --help}, prints it to {@code out} and returns
     * true (the caller exits 0). A wrong command line returns false: the service's own start-up reports it.
     */
    public static boolean printedHelp(Object command, String[] argv, Map<String, String> env, PrintStream out) {
        try {
            return parse(command, argv, env, out).isEmpty();
        } catch (UsageError e) {
            return false;
        }
    }

    /** Parses {@code argv}, which must not ask for help (tests, and callers that build a command line). */
    public static <T> T parse(T command, String[] argv, Map<String, String> env) {
        return parse(command, argv, env, System.out).orElseThrow(() -> new UsageError("--help given", null));
    }

    /** For {@code execute}: the message, picocli's suggestions, where the help is; exit status 2. */
    private static int usageError(ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        java.io.PrintWriter err = cl.getErr();
        err.println(cl.getColorScheme().errorText(message(e)));
        UnmatchedArgumentException.printSuggestions(e, err);
        err.println("Try './" + cl.getCommandSpec().qualifiedName() + " --help' for the options.");
        err.flush();
        return cl.getCommandSpec().exitCodeOnInvalidInput();
    }

    /**
     * Picocli's message, except for unknown arguments: those are named only when they look like an option, and
     * then without what follows an '=', since a mistyped secret option ({@code --internal-tokn=...}) would
     * otherwise put the secret in the message (and in a supervisor's log).
     */
    public static String message(ParameterException e) {
        if (e instanceof UnmatchedArgumentException u) {
            List<String> options = u.getUnmatched().stream().filter(a -> a.startsWith("-"))
                    .map(a -> a.contains("=") ? a.substring(0, a.indexOf('=')) : a).map(a -> "'" + a + "'").toList();
            int others = u.getUnmatched().size() - options.size();
            String named = options.isEmpty() ? "" : "Unknown option" + (options.size() > 1 ? "s" : "") + ": "
                    + String.join(", ", options);
            String unnamed = others == 0 ? "" : others + " unexpected argument" + (others > 1 ? "s" : "")
                    + " (not shown)";
            return named.isEmpty() ? unnamed : unnamed.isEmpty() ? named : named + "; " + unnamed;
        }
        return e.getMessage();
    }

    /**
     * A value picocli read but a later check refused, worded as picocli words its own conversion errors
     * ({@code Invalid value for option '--port': ...}).
     */
    public static IllegalArgumentException invalid(String option, String why) {
        return new UsageError("Invalid value for option '" + option + "': " + why, null);
    }

    /** ISO-8601 durations, with an example in the error rather than the parser's exception. */
    static java.time.Duration duration(String text) {
        try {
            return java.time.Duration.parse(text.trim());
        } catch (java.time.format.DateTimeParseException e) {
            throw new CommandLine.TypeConversionException("'" + text + "' is not an ISO-8601 duration such as PT10S,"
                    + " PT15M or P30D");
        }
    }

    /** Picocli's option list, with a line "Env: NAME" under each option that has an environment fallback. */
    static String optionList(Help help) {
        Help.IOptionRenderer base = help.createDefaultOptionRenderer();
        Help.IOptionRenderer withEnv = (option, labels, scheme) -> {
            Text[][] rows = base.render(option, labels, scheme);
            if (rows.length == 0) {
                return rows;
            }
            // picocli shows no default for booleans; those taking a value (--allow-demo-tokens true) have one
            boolean valuedBoolean = (option.type() == boolean.class || option.type() == Boolean.class)
                    && option.arity().max() > 0 && option.showDefaultValue() != Help.Visibility.NEVER
                    && option.defaultValueString() != null;
            if (valuedBoolean) {
                rows = withLine(rows, scheme, "  Default: " + option.defaultValueString());
            }
            Optional<EnvDefault> env = EnvDefault.of(option);
            return env.isEmpty() ? rows : withLine(rows, scheme, "  Env: " + env.get().variable());
        };
        Help.Layout defaults = help.createDefaultLayout();
        Help.Layout layout = new Help.Layout(help.colorScheme(), defaults.textTable(), withEnv,
                defaults.parameterRenderer());
        return help.optionList(layout, help.commandSpec().usageMessage().sortOptions()
                ? help.createDefaultOptionSort() : null, help.parameterLabelRenderer());
    }

    private static Text[][] withLine(Text[][] rows, Help.ColorScheme scheme, String text) {
        Text[] line = new Text[rows[0].length];
        Arrays.fill(line, scheme.text(""));
        line[line.length - 1] = scheme.text(text);
        Text[][] out = Arrays.copyOf(rows, rows.length + 1);
        out[rows.length] = line;
        return out;
    }

    /** The options of {@code spec} that are not help options, in the order help shows them. */
    public static List<OptionSpec> documented(CommandSpec spec) {
        return spec.options().stream().filter(o -> !o.hidden() && !o.usageHelp() && !o.versionHelp())
                .sorted(java.util.Comparator.comparing(OptionSpec::longestName)).toList();
    }

    /** A wrong command line (exit status 2); the message names the option, never a secret value. */
    public static final class UsageError extends IllegalArgumentException {
        UsageError(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
