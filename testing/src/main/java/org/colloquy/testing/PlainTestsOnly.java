package org.colloquy.testing;

import java.lang.annotation.Annotation;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.PostDiscoveryFilter;

/**
 * The unit run ({@code ./mvnw test -Dcolloquy.unit}) leaves out every Quarkus test, so only plain JUnit tests run: no
 * application start, no Kafka, no database. A Quarkus test is a class with an annotation of {@code io.quarkus.test}
 * ({@code @QuarkusTest}, {@code @WithTestResource}, {@code @TestProfile}, ...) or an extension from there, directly,
 * through a meta-annotation (such as a service's {@code @ArticleServiceTest}), on a superclass or on an enclosing
 * class. No test has to be marked: a new Quarkus test is left out by what makes it one.
 *
 * <p>Registered in {@code META-INF/services}, so it filters the tests of every module that has this one on its test
 * class path; it does nothing unless the system property {@value #PROPERTY} is set (the root pom's profile
 * {@code unit} sets it). Modules without this module have no Quarkus test dependency, so no Quarkus test either.
 */
public final class PlainTestsOnly implements PostDiscoveryFilter {

    public static final String PROPERTY = "colloquy.unit";

    private static final String QUARKUS_TEST = "io.quarkus.test.";

    @Override
    public FilterResult apply(TestDescriptor descriptor) {
        if (!active()) {
            return FilterResult.included("not a unit run");
        }
        return testClass(descriptor).filter(PlainTestsOnly::isQuarkusTest)
                .map(type -> FilterResult.excluded(type.getName() + " is a Quarkus test: not in the unit run"))
                .orElseGet(() -> FilterResult.included("a plain test"));
    }

    static boolean active() {
        String value = System.getProperty(PROPERTY);
        return value != null && !"false".equals(value);
    }

    static boolean isQuarkusTest(Class<?> type) {
        for (Class<?> level = type; level != null && level != Object.class; level = level.getSuperclass()) {
            if (fromQuarkus(level.getAnnotations(), new HashSet<>())) {
                return true;
            }
        }
        return type.getEnclosingClass() != null && isQuarkusTest(type.getEnclosingClass());
    }

    private static boolean fromQuarkus(Annotation[] annotations, Set<Class<?>> seen) {
        for (Annotation annotation : annotations) {
            Class<? extends Annotation> type = annotation.annotationType();
            if (type.getName().startsWith(QUARKUS_TEST) || annotation instanceof ExtendWith extensions
                    && Arrays.stream(extensions.value()).anyMatch(e -> e.getName().startsWith(QUARKUS_TEST))) {
                return true;
            }
            if (seen.add(type) && fromQuarkus(type.getAnnotations(), seen)) {
                return true;
            }
        }
        return false;
    }

    private static Optional<Class<?>> testClass(TestDescriptor descriptor) {
        return descriptor.getSource().map(source -> source instanceof ClassSource type ? type.getJavaClass()
                : source instanceof MethodSource method ? method.getJavaClass() : null);
    }
}
