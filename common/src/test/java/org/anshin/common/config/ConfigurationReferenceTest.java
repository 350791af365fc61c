package org.anshin.common.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.anshin.common.ServiceArgs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * docs/CONFIGURATION.md is generated from the declared keys: this keeps the two equal, and fails when a declared
 * shape is missing from the generator's list, or a shared option or a module's options block from the file.
 */
class ConfigurationReferenceTest {
    /** Tests run in the module's directory; the reference is the repository's. */
    static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    static final Path REFERENCE = REPO.resolve("docs/CONFIGURATION.md");
    static final String REGENERATE = "regenerate with: mvn -B -o -pl common -am verify -Dtest=ConfigurationReferenceTest"
            + " -Dsurefire.failIfNoSpecifiedTests=false -Danshin.regenerate=true";

    @Test
    void theReferenceIsWhatTheDeclaredKeysGenerate() throws IOException {
        assertThat(REFERENCE).as("docs/CONFIGURATION.md; " + REGENERATE).exists();
        if (Boolean.getBoolean("anshin.regenerate")) { // whichever of the two tests runs first
            Files.writeString(REFERENCE, ConfigReference.markdown(Files.readString(REFERENCE)));
        }
        String current = Files.readString(REFERENCE);
        assertThat(current).as("docs/CONFIGURATION.md; " + REGENERATE).isEqualTo(ConfigReference.markdown(current));
    }

    /** {@code -Danshin.regenerate=true} rewrites the reference (skipped otherwise). */
    @Test
    @EnabledIfSystemProperty(named = "anshin.regenerate", matches = "true")
    void regenerate() throws IOException {
        String current = Files.exists(REFERENCE) ? Files.readString(REFERENCE) : "";
        Files.writeString(REFERENCE, ConfigReference.markdown(current));
        assertThat(Files.readString(REFERENCE)).isEqualTo(ConfigReference.markdown(current));
    }

    @Test
    void everyDeclaredShapeIsReachableFromAFileOfTheReference() throws Exception {
        Set<Shape> reachable = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Shape> todo = new ArrayDeque<>();
        ConfigReference.FILES.forEach(f -> todo.push(f.shape()));
        while (!todo.isEmpty()) {
            Shape shape = todo.pop();
            if (reachable.add(shape)) {
                shape.keys().stream().filter(k -> k.shape() != null).forEach(k -> todo.push(k.shape()));
            }
        }
        Map<String, Shape> declared = declaredShapes();
        assertThat(declared).as("static Shape fields found by reflection").hasSizeGreaterThanOrEqualTo(10);
        Set<String> missing = new TreeSet<>();
        declared.forEach((field, shape) -> {
            if (!reachable.contains(shape)) {
                missing.add(field);
            }
        });
        assertThat(missing).as("shapes no file of ConfigReference.FILES reaches: add the file (and " + REGENERATE + ")")
                .isEmpty();
    }

    @Test
    void everyModuleHasWrittenItsOptionsBlock() throws IOException {
        String doc = Files.readString(REFERENCE);
        for (OptionReference.Module m : OptionReference.MODULES) {
            assertThat(org.anshin.common.cli.OptionDocs.block(doc, m.id()))
                    .as("the options block of " + m.id() + "; regenerate with " + m.test() + " and -Danshin.regenerate=true")
                    .hasValueSatisfying(b -> assertThat(b).contains("| `--"));
        }
    }

    @Test
    void everySharedOptionIsInTheReferenceWithItsVariable() throws IOException {
        String doc = Files.readString(REFERENCE);
        var spec = org.anshin.common.cli.Cli.commandLine(new ServiceArgs.Shared(), Map.of()).getCommandSpec();
        var shared = org.anshin.common.cli.Cli.documented(spec);
        assertThat(shared).as("shared options").hasSizeGreaterThanOrEqualTo(16);
        for (var o : shared) {
            String variable = org.anshin.common.cli.EnvDefault.of(o).map(e -> "`" + e.variable() + "`").orElse("-");
            assertThat(doc).as(o.longestName() + " in docs/CONFIGURATION.md; " + REGENERATE)
                    .contains("| `" + (o.longestName() + " " + o.paramLabel()).replace("|", "\\|") + "` | " + variable + " | ");
        }
    }

    @Test
    void nestedKeysAreRenderedWithTheirPathTypeAndDefault() {
        String md = ConfigReference.markdown("");
        assertThat(md).contains("| `sectors[].exceedsWhen[].atLeast` | a whole number >= 0 | optional |")
                .contains("| `operators[].rateLimit.perSecond` | a number > 0 | default `50` |")
                .contains("| `operators[].serviceLevel.description` | text | required (in each written"
                        + " `operators[].serviceLevel`) |")
                .contains("| `ceptoars[].escalation[].after` | " + Key.Type.DURATION.expected)
                .contains("| `notifyCouncil` | true or false | default `true` |")
                .contains("| `--config DIR` | `ANSHIN_CONFIG_DIR` | `config` |")
                .contains("| `--internal-token T` | `ANSHIN_INTERNAL_TOKEN` | - |");
    }

    /** Every static Shape field of the package's classes, by "Class.FIELD". */
    private static Map<String, Shape> declaredShapes() throws IOException, URISyntaxException, ReflectiveOperationException {
        Path classes = Path.of(Shape.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve("org/anshin/common/config");
        Map<String, Shape> out = new TreeMap<>();
        try (Stream<Path> files = Files.list(classes)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                String name = file.getFileName().toString().replace(".class", "");
                Class<?> type = Class.forName("org.anshin.common.config." + name);
                for (Field field : type.getDeclaredFields()) {
                    if (Modifier.isStatic(field.getModifiers()) && field.getType() == Shape.class) {
                        field.setAccessible(true);
                        out.put(name + "." + field.getName(), (Shape) field.get(null));
                    }
                }
            }
        }
        return out;
    }
}
