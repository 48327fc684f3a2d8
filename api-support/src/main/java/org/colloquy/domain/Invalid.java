package org.colloquy.domain;

import java.util.List;
import java.util.Map;

/** The input breaks the domain's rules: each field named with what is wrong with it. */
public final class Invalid extends Refusal {

    private final Map<String, List<String>> problems;

    public Invalid(Map<String, List<String>> problems) {
        super("invalid " + problems);
        this.problems = problems;
    }

    public Invalid(String field, String problem) {
        this(Map.of(field, List.of(problem)));
    }

    public Map<String, List<String>> problems() {
        return problems;
    }
}
