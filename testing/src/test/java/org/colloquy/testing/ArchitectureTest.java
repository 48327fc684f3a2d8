package org.colloquy.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchitectureTest {

    private static final String FIXTURE = "org.colloquy.testing.fixture";
    private static final Path FIXTURE_CLASSES = ModuleDirectory.of(ArchitectureTest.class)
            .resolve(Path.of("target", "test-classes", "org", "colloquy", "testing", "fixture"));

    /** For each rule, in order: the one class of the fixture that breaks it, and what it uses. */
    private static final List<List<String>> BROKEN_BY = List.of(
            List.of(FIXTURE + ".repository.EntityRepository", FIXTURE + ".rest.Resource"),
            List.of(FIXTURE + ".service.UseCase", FIXTURE + ".messaging.Consumer"),
            List.of(FIXTURE + ".domain.Entity", FIXTURE + ".service.UseCase"),
            List.of(FIXTURE + ".domain.Entity", FIXTURE + ".repository.EntityRepository"),
            List.of(FIXTURE + ".domain.Entity", "java.net.URI"),
            List.of(FIXTURE + ".service.UseCase", "io.vertx.mutiny.sqlclient.Pool"),
            List.of(FIXTURE + ".rest.Resource", FIXTURE + ".repository.EntityRepository"));

    @Test
    void everyRuleCatchesItsViolationAndAllowsWhatTheLayersMayUse() {
        JavaClasses fixture = Architecture.classes(FIXTURE_CLASSES);
        List<ArchRule> rules = Architecture.rules(FIXTURE);
        assertThat(rules).hasSameSizeAs(BROKEN_BY);
        for (int i = 0; i < rules.size(); i++) {
            EvaluationResult result = rules.get(i).evaluate(fixture);
            List<String> breach = BROKEN_BY.get(i);
            assertThat(result.getFailureReport().getDetails()).as(rules.get(i).getDescription()).isNotEmpty()
                    .allSatisfy(line -> assertThat(line).contains(breach.get(0)).contains(breach.get(1)));
        }
    }

    @Test
    void aRootPackageWithoutClassesFailsInsteadOfPassing() {
        JavaClasses fixture = Architecture.classes(FIXTURE_CLASSES);
        for (ArchRule rule : Architecture.rules("org.colloquy.nothing")) {
            assertThatThrownBy(() -> rule.check(fixture)).as(rule.getDescription()).isInstanceOf(AssertionError.class)
                    .hasMessageContaining("failed to check any classes");
        }
    }

    @Test
    void filesOverTheLimitAreNamedWithTheirLength(@TempDir Path sources) throws IOException {
        Files.createDirectories(sources.resolve("a/b"));
        Files.write(sources.resolve("a/Short.java"), Collections.nCopies(Architecture.MAX_LINES, "//"));
        Files.write(sources.resolve("a/b/Long.java"), Collections.nCopies(Architecture.MAX_LINES + 1, "//"));
        Files.write(sources.resolve("a/notes.txt"), Collections.nCopies(Architecture.MAX_LINES + 1, "-"));

        assertThat(Architecture.longFiles(sources)).containsExactly(sources.resolve("a/b/Long.java") + " (301 lines)");
        assertThatThrownBy(() -> Architecture.assertShortFiles(sources)).hasMessageContaining("Long.java (301 lines)");
    }

    /** Every module's main sources, this project's root found from this module (its parent). */
    @Test
    void noMainSourceFileOfAnyModuleIsOverTheLimit() throws IOException {
        Path root = ModuleDirectory.of(ArchitectureTest.class).getParent();
        List<Path> sources;
        try (Stream<Path> paths = Files.walk(root, 5)) {
            sources = paths.filter(path -> path.endsWith(Architecture.MAIN_SOURCES))
                    .filter(path -> Files.exists(path.getParent().getParent().getParent().resolve("pom.xml")))
                    .toList();
        }
        assertThat(sources).as("modules found under %s", root).hasSizeGreaterThanOrEqualTo(13)
                .contains(root.resolve("events").resolve(Architecture.MAIN_SOURCES),
                        root.resolve("benchmarks/bare-app").resolve(Architecture.MAIN_SOURCES));
        sources.forEach(Architecture::assertShortFiles);
    }
}
