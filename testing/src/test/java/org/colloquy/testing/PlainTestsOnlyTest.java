package org.colloquy.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;

/** (The samples carry {@code @WithTestResource}: {@code @QuarkusTest} itself would make Quarkus start them.) */
class PlainTestsOnlyTest {

    @Retention(RetentionPolicy.RUNTIME)
    @WithTestResource(JwtResource.class)
    @interface ServiceResources {
    }

    @WithTestResource(JwtResource.class)
    static class Annotated {
        class Nested {
        }
    }

    @ServiceResources
    static class MetaAnnotated {
    }

    static class Inherited extends MetaAnnotated {
    }

    static class Plain {
        void test() {
        }
    }

    @Test
    void aQuarkusTestIsKnownByAnyRouteToAQuarkusTestAnnotation() {
        assertThat(PlainTestsOnly.isQuarkusTest(Annotated.class)).isTrue();
        assertThat(PlainTestsOnly.isQuarkusTest(Annotated.Nested.class)).isTrue();
        assertThat(PlainTestsOnly.isQuarkusTest(MetaAnnotated.class)).isTrue();
        assertThat(PlainTestsOnly.isQuarkusTest(Inherited.class)).isTrue();
        assertThat(PlainTestsOnly.isQuarkusTest(Plain.class)).isFalse();
        assertThat(PlainTestsOnly.isQuarkusTest(PlainTestsOnlyTest.class)).isFalse();
    }

    @Test
    void onlyAUnitRunLeavesQuarkusTestsOut() throws NoSuchMethodException {
        TestDescriptor quarkus = descriptor(ClassSource.from(MetaAnnotated.class));
        TestDescriptor plain = descriptor(MethodSource.from(Plain.class.getDeclaredMethod("test")));
        String before = System.getProperty(PlainTestsOnly.PROPERTY);
        try {
            System.clearProperty(PlainTestsOnly.PROPERTY);
            assertThat(new PlainTestsOnly().apply(quarkus).included()).isTrue();
            System.setProperty(PlainTestsOnly.PROPERTY, "true");
            assertThat(new PlainTestsOnly().apply(quarkus).excluded()).isTrue();
            assertThat(new PlainTestsOnly().apply(plain).included()).isTrue();
        } finally {
            if (before == null) {
                System.clearProperty(PlainTestsOnly.PROPERTY);
            } else {
                System.setProperty(PlainTestsOnly.PROPERTY, before);
            }
        }
    }

    private static TestDescriptor descriptor(org.junit.platform.engine.TestSource source) {
        return new AbstractTestDescriptor(UniqueId.forEngine("sample").append("test", "one"), "one", source) {
            @Override
            public Type getType() {
                return Type.TEST;
            }
        };
    }
}
