package org.colloquy.persistence;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Runs a method that returns a {@code Uni} in a transaction ({@link Sql#inTransaction}): the caller's, or a new one
 * that commits when the {@code Uni} succeeds and rolls back when it fails.
 */
@InterceptorBinding
@Target({ METHOD, TYPE })
@Retention(RUNTIME)
public @interface InTransaction {
}
