package org.colloquy.domain;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The names an enum's constants are stored, published and shown by: the constant's name in lower case, with
 * {@code -} for {@code _} ({@code FIRST_COMMENT} is {@code "first-comment"}). Both ways without building a string per
 * call (statuses are read for every row).
 */
public final class StoredNames<E extends Enum<E>> {

    private final Class<E> type;
    private final E[] constants;
    private final List<String> names;

    public StoredNames(Class<E> type) {
        this.type = type;
        this.constants = type.getEnumConstants();
        this.names = Arrays.stream(constants)
                .map(constant -> constant.name().toLowerCase(Locale.ROOT).replace('_', '-')).toList();
    }

    public String of(E constant) {
        return names.get(constant.ordinal());
    }

    /** Empty for a name no constant has. */
    public Optional<E> find(String name) {
        int index = names.indexOf(name);
        return index < 0 ? Optional.empty() : Optional.of(constants[index]);
    }

    /** The constant of a name read from storage, which can only hold known names. */
    public E parse(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("Unknown " + type.getSimpleName() + " "
                + name));
    }

    /** Every name, in the constants' order. */
    public List<String> all() {
        return names;
    }
}
