package org.anshin.ingest.validation;

import java.util.List;

/** The body cannot become an {@code IncidentReport}; carries every bad field found. */
public final class InvalidReportException extends Exception {
    private final transient List<FieldError> errors;

    public InvalidReportException(List<FieldError> errors) {
        super(errors.size() + " invalid field(s): " + errors);
        this.errors = List.copyOf(errors);
    }

    public InvalidReportException(String field, String message) {
        this(List.of(new FieldError(field, message)));
    }

    public List<FieldError> errors() {
        return errors;
    }
}
