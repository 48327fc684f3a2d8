package org.colloquy.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.DynamicTest;

/**
 * The architecture every service keeps, checked on its compiled classes and its source files. A service's root
 * package ({@code org.colloquy.<context>}) has one package per layer, and dependencies only point down:
 * <pre>
 * rest, messaging  entry points (HTTP requests, Kafka events): no layer uses them
 * service          use cases, one transaction each: used by the entry points only
 * repository       queries and writes, the only layer that runs SQL: used by the layers above; rest only reads,
 *                  through *Queries and *View
 * domain           domain objects, value objects and their rules: uses no other layer and does no I/O
 * </pre>
 * Each service applies them in a tiny {@code ArchitectureTest} in its root package:
 * {@code Architecture.ofService(ArchitectureTest.class)}. The length of every module's source files is checked once,
 * by this module's own tests ({@link #assertShortFiles}).
 */
public final class Architecture {

    /** A source file longer than this is several classes (CONTRIBUTING.md). */
    public static final int MAX_LINES = 300;

    /** A module's main sources, relative to its directory. */
    public static final Path MAIN_SOURCES = Path.of("src", "main", "java");

    /** Where Maven compiles a module's main sources to, relative to its directory. */
    public static final Path MAIN_CLASSES = Path.of("target", "classes");

    /** What a domain class may not touch: databases, HTTP, Kafka, the network, reactive plumbing. */
    static final List<String> IO_PACKAGES = List.of("io.vertx..", "org.hibernate.reactive..",
            "io.quarkus.hibernate..", "io.smallrye.mutiny..", "jakarta.ws.rs..", "org.apache.kafka..", "java.net..",
            "java.sql..", "org.eclipse.microprofile.reactive.messaging..", "org.colloquy.messaging..",
            "org.colloquy.api..", "org.colloquy.persistence..", "org.colloquy.authors..");

    /** The database client's packages: only repositories use them (through {@code Sql}, mostly). */
    static final List<String> SQL_PACKAGES = List.of("io.vertx.sqlclient..", "io.vertx.mutiny.sqlclient..",
            "io.vertx.pgclient..", "io.vertx.mutiny.pgclient..");

    static {
        // The rules look at package names only: a class used from elsewhere is known by its name, not read from the
        // class path with its whole hierarchy (which took seconds).
        ArchConfiguration.get().setResolveMissingDependenciesFromClassPath(false);
    }

    private Architecture() {
    }

    /**
     * Every rule, applied to the main classes of the service whose root package holds {@code architectureTest} (the
     * service's test that calls this).
     */
    public static Stream<DynamicTest> ofService(Class<?> architectureTest) {
        JavaClasses classes = classes(ModuleDirectory.of(architectureTest).resolve(MAIN_CLASSES));
        return rules(architectureTest.getPackageName()).stream().map(rule -> dynamicTest(rule.getDescription(),
                () -> rule.check(classes)));
    }

    /** The layer rules of the service with this root package; each fails when the layers it checks have no class. */
    public static List<ArchRule> rules(String root) {
        String rest = root + ".rest..";
        String service = root + ".service..";
        String domain = root + ".domain..";
        String repository = root + ".repository..";
        String messaging = root + ".messaging..";
        return List.of(
                noClasses().that().resideInAnyPackage(service, domain, repository, messaging)
                        .should().dependOnClassesThat().resideInAPackage(rest)
                        .as("no layer uses rest").because("rest is the only layer that knows HTTP"),
                noClasses().that().resideInAnyPackage(rest, service, domain, repository)
                        .should().dependOnClassesThat().resideInAPackage(messaging)
                        .as("no layer uses messaging").because("its consumers are entry points, as resources are"),
                noClasses().that().resideInAnyPackage(domain, repository)
                        .should().dependOnClassesThat().resideInAPackage(service)
                        .as("only rest and messaging use service").because("use cases sit above the data"),
                noClasses().that().resideInAPackage(domain)
                        .should().dependOnClassesThat().resideInAPackage(repository)
                        .as("domain does not use repository").because("the domain decides, repositories carry"),
                noClasses().that().resideInAPackage(domain)
                        .should().dependOnClassesThat().resideInAnyPackage(IO_PACKAGES.toArray(String[]::new))
                        .as("domain does no I/O").because("its rules are tested in milliseconds without a server"),
                noClasses().that().resideInAnyPackage(rest, service, messaging, domain)
                        .should().dependOnClassesThat().resideInAnyPackage(SQL_PACKAGES.toArray(String[]::new))
                        .orShould().dependOnClassesThat().haveFullyQualifiedName("org.colloquy.persistence.Sql")
                        .as("only repository runs SQL").because("data access has one style, owned by the repositories"),
                noClasses().that().resideInAPackage(rest)
                        .should().dependOnClassesThat(writeSide(root + ".repository"))
                        .as("rest reads through *Queries and *View, never a repository")
                        .because("writes go through a service method and its transaction"));
    }

    /** The classes of the repository package that are not read models ({@code *Queries}, {@code *View}). */
    private static DescribedPredicate<JavaClass> writeSide(String repositoryPackage) {
        return DescribedPredicate.describe("classes of " + repositoryPackage + " other than *Queries and *View",
                type -> {
                    String pkg = type.getPackageName();
                    if (!pkg.equals(repositoryPackage) && !pkg.startsWith(repositoryPackage + ".")) {
                        return false;
                    }
                    String outer = type.getName().substring(pkg.length() + 1).split("\\$", 2)[0];
                    return !outer.endsWith("Queries") && !outer.endsWith("View");
                });
    }

    /**
     * The classes compiled into this directory. (Imported by path: importing by package name opened every jar on
     * the class path to look for the package, seconds per service.)
     */
    static JavaClasses classes(Path directory) {
        Assertions.assertTrue(Files.isDirectory(directory), () -> directory.toAbsolutePath() + " is no directory");
        return new ClassFileImporter().importPath(directory);
    }

    /** Fails naming every file under {@code sources} that is over {@link #MAX_LINES} lines. */
    public static void assertShortFiles(Path sources) {
        Assertions.assertTrue(Files.isDirectory(sources), () -> sources.toAbsolutePath() + " is no directory");
        List<String> tooLong = longFiles(sources);
        Assertions.assertTrue(tooLong.isEmpty(), () -> "Over " + MAX_LINES + " lines (split them): " + tooLong);
    }

    /** The files under {@code sources} over {@link #MAX_LINES} lines, as {@code path (n lines)}. */
    static List<String> longFiles(Path sources) {
        try (Stream<Path> files = Files.walk(sources)) {
            return files.filter(file -> file.toString().endsWith(".java")).sorted().flatMap(file -> {
                long count = lines(file);
                return count > MAX_LINES ? Stream.of(file + " (" + count + " lines)") : Stream.<String>empty();
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long lines(Path file) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
