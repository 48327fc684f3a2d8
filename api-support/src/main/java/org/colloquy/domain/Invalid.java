package org.colloquy.domain;

import java.util.List;
import java.util.Map;

/** The input breaks the domain's rules: each field named with what is wrong with it (see {@link Problems}). */
public final class Invalid extends Refusal {

    public Invalid(Map<String, List<String>> problems) {
        super(problems);
    }

    public Invalid(String field, String problem) {
        super(field, problem);
    }
}
