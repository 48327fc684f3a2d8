package org.colloquy.api;

import java.util.List;
import java.util.Map;

/** The RealWorld error shape: {@code {"errors":{"<field>":["<message>", ...]}}}. */
public record ErrorBody(Map<String, List<String>> errors) {

    public static ErrorBody of(String field, String message) {
        return new ErrorBody(Map.of(field, List.of(message)));
    }
}
