package org.anshin.ingest.validation;

/** One bad field of a request body, as listed in the problem document's {@code errors}. */
public record FieldError(String field, String message) {
}
