package org.colloquy.domain;

import jakarta.persistence.AttributeConverter;

/**
 * A column that holds an enum by its {@link StoredNames stored name}. An enum names its converter as a nested
 * {@code @Converter public static class Column extends StoredNameColumn<Status>} with a constructor that passes
 * its names.
 */
public abstract class StoredNameColumn<E extends Enum<E>> implements AttributeConverter<E, String> {

    private final StoredNames<E> names;

    protected StoredNameColumn(StoredNames<E> names) {
        this.names = names;
    }

    @Override
    public String convertToDatabaseColumn(E constant) {
        return constant == null ? null : names.of(constant);
    }

    @Override
    public E convertToEntityAttribute(String name) {
        return name == null ? null : names.parse(name);
    }
}
