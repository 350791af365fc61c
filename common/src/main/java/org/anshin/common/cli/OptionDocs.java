package org.anshin.common.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.anshin.common.ServiceArgs;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Renders picocli options as the Markdown tables of docs/CONFIGURATION.md (name, environment variable, default,
 * description: what {@code --help} shows), and keeps a module's block of that file in step. The file is one, but
 * common cannot see the services' commands, so each module's test writes and checks its own block between
 * {@code <!-- options:ID -->} and {@code <!-- /options:ID -->}; ConfigReference copies the blocks it finds.
 */
public final class OptionDocs {
    private OptionDocs() {
    }

    /** Whether an option is one of the shared {@link ServiceArgs} (documented once, not per service). */
    public static boolean shared(OptionSpec option) {
        return option.userObject() instanceof Field f && f.getDeclaringClass() == ServiceArgs.class;
    }

    /** The table of {@code command}'s options that {@code which} accepts, defaults as with an empty environment. */
    public static String table(Object command, Predicate<OptionSpec> which) {
        CommandLine cl = Cli.commandLine(command, Map.of());
        StringBuilder out = new StringBuilder("| option | environment | default | meaning |\n|---|---|---|---|\n");
        for (OptionSpec o : Cli.documented(cl.getCommandSpec())) {
            if (!which.test(o)) {
                continue;
            }
            String usage = String.join(", ", o.names()) + (o.arity().max() > 0 ? " " + o.paramLabel() : "");
            Optional<EnvDefault> env = EnvDefault.of(o);
            String def = o.showDefaultValue() == CommandLine.Help.Visibility.NEVER ? null : o.defaultValueString();
            out.append("| `").append(cell(usage)).append("` | ")
                    .append(env.map(e -> "`" + e.variable() + "`").orElse("-")).append(" | ")
                    .append(def == null || def.equals(CommandLine.Option.NULL_VALUE) || def.equals("null") ? "-"
                            : def.isEmpty() ? "empty" : "`" + cell(def) + "`").append(" | ")
                    .append(cell(String.join(" ", java.util.Arrays.stream(o.description()).map(String::strip).toList())))
                    .append(" |\n");
        }
        return out.toString();
    }

    /** Where a module's block starts and ends. */
    public static String begin(String id) {
        return "<!-- options:" + id + " -->";
    }

    public static String end(String id) {
        return "<!-- /options:" + id + " -->";
    }

    /** The block with id {@code id} in {@code doc} (markers included), if there is one. */
    public static Optional<String> block(String doc, String id) {
        Matcher m = Pattern.compile(Pattern.quote(begin(id)) + ".*?" + Pattern.quote(end(id)), Pattern.DOTALL)
                .matcher(doc);
        return m.find() ? Optional.of(m.group()) : Optional.empty();
    }

    /** A block: its markers around {@code content}. */
    public static String wrap(String id, String content) {
        return begin(id) + "\n" + content + end(id);
    }

    /**
     * What {@code doc} should hold: itself with block {@code id} replaced by {@code content}. With
     * {@code regenerate} it is written back, so a module's test can both check and regenerate its block.
     */
    public static String sync(Path doc, String id, String content, boolean regenerate) {
        try {
            String text = Files.readString(doc);
            String block = block(text, id).orElseThrow(() -> new IllegalStateException(doc + " has no "
                    + begin(id) + " block; regenerate docs/CONFIGURATION.md from common first"));
            String expected = text.replace(block, wrap(id, content));
            if (regenerate) {
                Files.writeString(doc, expected);
            }
            return expected;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
