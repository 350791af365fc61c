package org.anshin.schemas;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;

/**
 * FULL_TRANSITIVE, the registry's rule, as the build applies it to {@code schemas/released/<Name>/v<n>.avsc}: the
 * current schema must read data written with every released version (BACKWARD: Anshin upgraded first, old records
 * still on the topic) and every released version must read data written with the current schema (FORWARD: a
 * subscriber who upgrades after Anshin keeps reading with the classes of the kit version it has).
 */
final class FullTransitiveCheck {

    private FullTransitiveCheck() {
    }

    /** The problems, one line each naming the version and the direction; empty when compatible. */
    static List<String> problems(Schema current, List<Released> released) {
        List<String> problems = new ArrayList<>();
        for (Released version : released) {
            SchemaCompatibility.SchemaPairCompatibility backward =
                    SchemaCompatibility.checkReaderWriterCompatibility(current, version.schema());
            if (backward.getType() != SchemaCompatibilityType.COMPATIBLE) {
                problems.add(version.file() + ": the current schema cannot read data it wrote (BACKWARD): "
                        + backward.getResult().getIncompatibilities());
            }
            SchemaCompatibility.SchemaPairCompatibility forward =
                    SchemaCompatibility.checkReaderWriterCompatibility(version.schema(), current);
            if (forward.getType() != SchemaCompatibilityType.COMPATIBLE) {
                problems.add(version.file() + ": a reader with it cannot read data of the current schema (FORWARD): "
                        + forward.getResult().getIncompatibilities());
            }
        }
        return problems;
    }

    /** One released version of a schema. */
    record Released(Path file, int version, Schema schema) {
    }

    /** Every {@code v<n>.avsc} in {@code dir}, oldest first; each file is one self-contained schema. */
    static List<Released> versionsIn(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().matches("v[0-9]+\\.avsc"))
                    .map(FullTransitiveCheck::read)
                    .sorted(Comparator.comparingInt(Released::version))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Released read(Path file) {
        String name = file.getFileName().toString();
        int version = Integer.parseInt(name.substring(1, name.length() - ".avsc".length()));
        try {
            // a parser per file: the versions define the same names
            return new Released(file, version, new Schema.Parser().parse(Files.readString(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
