package org.colloquy.domain;

import java.util.Objects;
import java.util.function.Function;

/**
 * A change to one field of a partial update: left as it is (the field was omitted), cleared (given as null), or set
 * to a value. A request record types such a field {@code Patch<T>}; api-support's {@code PatchJson} reads it from
 * JSON, where omitted and {@code null} are two different requests ({@code "tagList": null} is not "keep the tags").
 */
public final class Patch<T> {

    private static final Patch<?> OMITTED = new Patch<>(false, null);
    private static final Patch<?> CLEARED = new Patch<>(true, null);

    private final boolean given;
    private final T value;

    private Patch(boolean given, T value) {
        this.given = given;
        this.value = value;
    }

    @SuppressWarnings("unchecked")
    public static <T> Patch<T> omitted() {
        return (Patch<T>) OMITTED;
    }

    @SuppressWarnings("unchecked")
    public static <T> Patch<T> cleared() {
        return (Patch<T>) CLEARED;
    }

    /** A value; {@code null} makes it {@link #cleared()}. */
    public static <T> Patch<T> to(T value) {
        return value == null ? cleared() : new Patch<>(true, value);
    }

    /** A null reference stands for an omitted field (a request body without the object at all). */
    public static <T> Patch<T> of(Patch<T> patch) {
        return patch == null ? omitted() : patch;
    }

    /** The field was in the request, as a value or as null. */
    public boolean isGiven() {
        return given;
    }

    /** The field was given as null. */
    public boolean isCleared() {
        return given && value == null;
    }

    /** The new value; null when the field was omitted or cleared. */
    public T value() {
        return value;
    }

    public <R> Patch<R> map(Function<? super T, ? extends R> mapper) {
        return value == null ? (given ? cleared() : omitted()) : to(mapper.apply(value));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Patch<?> patch && given == patch.given && Objects.equals(value, patch.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(given, value);
    }

    @Override
    public String toString() {
        return !given ? "Patch.omitted" : value == null ? "Patch.cleared" : "Patch.to(" + value + ")";
    }
}
