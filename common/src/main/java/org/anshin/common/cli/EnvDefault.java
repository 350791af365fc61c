package org.anshin.common.cli;

import java.lang.reflect.AnnotatedElement;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Option;

/**
 * The environment fallback of an option, as written in its annotation: {@code defaultValue =
 * "${env:NAME:-fallback}"} or {@code "${env:NAME}"} (no fallback: the field's initial value, else none). Read
 * from the annotation itself because picocli only exposes the interpolated default, in which the name is gone.
 *
 * @param fallback the text after {@code :-}, or null when there is none
 */
public record EnvDefault(String variable, String fallback) {
    private static final Pattern FORM = Pattern.compile("\\$\\{env:([A-Za-z_][A-Za-z0-9_]*)(?::-(.*))?}");

    /** The option's environment fallback, if its annotation declares one. */
    public static Optional<EnvDefault> of(ArgSpec arg) {
        if (!(arg.userObject() instanceof AnnotatedElement element)) {
            return Optional.empty();
        }
        Option option = element.getAnnotation(Option.class);
        if (option == null) {
            return Optional.empty();
        }
        Matcher m = FORM.matcher(option.defaultValue());
        return m.matches() ? Optional.of(new EnvDefault(m.group(1), m.group(2))) : Optional.empty();
    }
}
