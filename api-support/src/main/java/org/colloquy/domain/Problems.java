package org.colloquy.domain;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one validation style of the project: a rule is a function of a field's value that returns its problem (or
 * none), and a {@code Problems} collects them field by field, in the order checked, into one {@link Invalid}:
 * <pre>{@code
 * Problems problems = new Problems().check("title", ArticleRules.title(title, true))
 *         .check("body", ArticleRules.body(body, true));
 * if (!problems.isEmpty()) {
 *     return Uni.createFrom().failure(problems.invalid());
 * }
 * }</pre>
 */
public final class Problems {

    private final Map<String, List<String>> byField = new LinkedHashMap<>();

    /** Records the rule's answer for the field: nothing when it found no problem. */
    public Problems check(String field, Optional<String> problem) {
        problem.ifPresent(found -> add(field, found));
        return this;
    }

    public Problems add(String field, String problem) {
        byField.computeIfAbsent(field, key -> new ArrayList<>()).add(problem);
        return this;
    }

    public boolean isEmpty() {
        return byField.isEmpty();
    }

    public Map<String, List<String>> byField() {
        return Collections.unmodifiableMap(byField);
    }

    /** The refusal naming every problem found; only when there is one. */
    public Invalid invalid() {
        if (isEmpty()) {
            throw new IllegalStateException("no problems to refuse");
        }
        return new Invalid(byField());
    }
}
