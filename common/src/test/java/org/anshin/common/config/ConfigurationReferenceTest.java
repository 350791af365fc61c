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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.anshin.common.ServiceArgs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * docs/CONFIGURATION.md is generated from the declared keys: this keeps the two equal, and fails when a declared
 * shape, a ServiceArgs environment variable or an option a service reads is missing from the generator's lists.
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
        assertThat(Files.readString(REFERENCE)).as("docs/CONFIGURATION.md; " + REGENERATE)
                .isEqualTo(ConfigReference.markdown());
    }

    /** {@code -Danshin.regenerate=true} rewrites the reference (skipped otherwise). */
    @Test
    @EnabledIfSystemProperty(named = "anshin.regenerate", matches = "true")
    void regenerate() throws IOException {
        Files.writeString(REFERENCE, ConfigReference.markdown());
        assertThat(Files.readString(REFERENCE)).isEqualTo(ConfigReference.markdown());
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
    void everyEnvironmentVariableOfServiceArgsIsListedWithItsOption() throws Exception {
        Field field = ServiceArgs.class.getDeclaredField("ENV_NAMES");
        field.setAccessible(true);
        @SuppressWarnings("unchecked")
        Map<String, String> envNames = new TreeMap<>((Map<String, String>) field.get(null));
        Map<String, String> listed = new TreeMap<>();
        OptionReference.GROUPS.get(0).options().forEach(o -> listed.put(o.name(), o.environment()));
        assertThat(listed).as("OptionReference's shared options against ServiceArgs.ENV_NAMES").isEqualTo(envNames);
        // and each variable really sets its option (the map above is what parse reads, but say it end to end)
        envNames.forEach((option, env) -> assertThat(ServiceArgs.parse(new String[0], Map.of(env, "x1")).get(option, null))
                .as(env).isEqualTo("x1"));
    }

    @Test
    void everyOptionAServiceReadsIsListed() throws IOException {
        Set<String> listed = OptionReference.GROUPS.stream().flatMap(g -> g.options().stream())
                .map(OptionReference.Option::name).collect(Collectors.toCollection(TreeSet::new));
        Set<String> read = new TreeSet<>();
        for (String module : new String[] {"ingest-service", "routing-service", "notifier-service", "local-inbox", "console"}) {
            try (Stream<Path> files = Files.walk(REPO.resolve(module).resolve("src/main/java"))) {
                for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    read.addAll(optionsRead(Files.readString(file)));
                }
            }
        }
        assertThat(read).as("option names found in the services' sources").contains("routing-url", "group-id",
                "closing-period", "ingest-url", "http-port");
        assertThat(listed).as("OptionReference.GROUPS lacks an option a service reads: add it (and " + REGENERATE + ")")
                .containsAll(read);
    }

    /** Option names in one source file that parses {@code ServiceArgs}, in the ways the services read them. */
    static Set<String> optionsRead(String source) {
        Set<String> out = new TreeSet<>();
        if (!source.contains("ServiceArgs")) {
            return out;
        }
        Pattern[] patterns = {
            Pattern.compile("\\b(?:args|a)\\.get\\(\"([a-z][a-z-]*)\""),
            Pattern.compile("\\bnumber\\(args, \"([a-z][a-z-]*)\""),
            Pattern.compile("new Option<>\\(\"([a-z][a-z-]*)\""),
            Pattern.compile("_OPTION = \"([a-z][a-z-]*)\""),
        };
        for (Pattern p : patterns) {
            Matcher m = p.matcher(source);
            while (m.find()) {
                out.add(m.group(1));
            }
        }
        Matcher secret = Pattern.compile("\\.secret\\(\"([a-z][a-z-]*)\"\\)").matcher(source);
        while (secret.find()) {
            out.add(secret.group(1));
            out.add(secret.group(1) + "-file");
        }
        return out;
    }

    @Test
    void theOptionScanFindsEachWayOfReadingAnOption() {
        assertThat(optionsRead("ServiceArgs a; a.get(\"closing-period\", x); args.get(\"ingest-url\", y);"
                + " number(args, \"heartbeat-seconds\", 15); new Option<>(\"group-id\", \"g\");"
                + " String X_OPTION = \"application-id\"; a.secret(\"pseudonym-key\"); c.get(\"id\")"))
                .containsExactly("application-id", "closing-period", "group-id", "heartbeat-seconds", "ingest-url",
                        "pseudonym-key", "pseudonym-key-file");
    }

    @Test
    void nestedKeysAreRenderedWithTheirPathTypeAndDefault() {
        String md = ConfigReference.markdown();
        assertThat(md).contains("| `sectors[].exceedsWhen[].atLeast` | a whole number >= 0 | optional |")
                .contains("| `operators[].rateLimit.perSecond` | a number > 0 | default `50` |")
                .contains("| `operators[].serviceLevel.description` | text | required (in each written"
                        + " `operators[].serviceLevel`) |")
                .contains("| `ceptoars[].escalation[].after` | " + Key.Type.DURATION.expected)
                .contains("| `notifyCouncil` | true or false | default `true` |")
                .contains("| `--config DIR` | `ANSHIN_CONFIG_DIR` | `./config` |");
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
