package dev.amsh;

import dev.amsh.image.rules.DeletionRules;
import dev.amsh.vocabulary.RefusedException;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.BeforeAll;

import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The shape the code keeps: features use the neutral catalog package and the command
 * framework; the terminal uses the features through the framework, never the other way; no
 * two packages depend on each other, directly or around a loop.
 */
class ArchitectureTest {

    private static final String[] FEATURES = {"dev.amsh.image..", "dev.amsh.application..", "dev.amsh.audit..",
            "dev.amsh.imageserver..", "dev.amsh.replay..", "dev.amsh.transfer.."};

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() throws URISyntaxException {
        // The main classes' own folder: tests may cross any line to reach what they check.
        Path mainClasses = Path.of(AmshApplication.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        classes = new ClassFileImporter().importPath(mainClasses);
        assertThat(classes.contain(DeletionRules.class)).as("main classes imported from " + mainClasses).isTrue();
    }

    @Test
    void noPackageCycles() {
        slices().matching("dev.amsh.(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void theCatalogPackageNamesNoFeatureNorFace() {
        noClasses().that().resideInAPackage("dev.amsh.catalog..")
                .should().dependOnClassesThat().resideInAnyPackage(with(FEATURES, "dev.amsh.command..", "dev.amsh.shell.."))
                .check(classes);
    }

    @Test
    void theCommandFrameworkNamesNoFeatureNorTheTerminal() {
        noClasses().that().resideInAPackage("dev.amsh.command..")
                .should().dependOnClassesThat().resideInAnyPackage(with(FEATURES, "dev.amsh.shell.."))
                .check(classes);
    }

    @Test
    void featuresNeverUseTheTerminal() {
        noClasses().that().resideInAnyPackage(FEATURES)
                .should().dependOnClassesThat().resideInAPackage("dev.amsh.shell..")
                .check(classes);
    }

    @Test
    void onlyTheLauncherUsesTheDashboard() {
        noClasses().that().resideInAnyPackage(with(FEATURES, "dev.amsh.catalog..", "dev.amsh.command..", "dev.amsh.shell.."))
                .should().dependOnClassesThat().resideInAPackage("dev.amsh.dashboard..")
                .check(classes);
    }

    @Test
    void theDashboardNeverUsesTheTerminal() {
        noClasses().that().resideInAPackage("dev.amsh.dashboard..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.amsh.shell..", "org.springframework.shell..",
                        "org.jline..")
                .check(classes);
    }

    /**
     * The web layer renders what the features' services return: it names no feature class that holds
     * SQL (one that runs statements through JDBC, or a Spring Data repository with its queries), so an
     * order or a filter reaches the database only as the listing's typed values.
     */
    @Test
    void theDashboardNamesNoClassThatHoldsSql() {
        DescribedPredicate<JavaClass> holdsSql = new DescribedPredicate<>("hold SQL") {
            @Override
            public boolean test(JavaClass type) {
                return java.util.Arrays.stream(FEATURES).anyMatch(feature -> type.getPackageName()
                                .startsWith(feature.substring(0, feature.length() - 2)))
                        && (type.isAssignableTo("org.springframework.data.repository.Repository")
                        || type.getDirectDependenciesFromSelf().stream().anyMatch(dependency -> {
                            String target = dependency.getTargetClass().getPackageName();
                            return target.startsWith("org.springframework.jdbc.core") || target.startsWith("java.sql");
                        }));
            }
        };
        noClasses().that().resideInAPackage("dev.amsh.dashboard..")
                .should().dependOnClassesThat(holdsSql)
                .check(classes);
    }

    @Test
    void theRulesStayPure() {
        noClasses().that().resideInAPackage("dev.amsh.image.rules..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "java.sql..", "javax.sql..",
                        "dev.amsh.image", "dev.amsh.command..", "dev.amsh.shell..")
                .check(classes);
    }

    @Test
    void theClientAndTheWireNameNoFrameworkDatabaseOrFeature() {
        noClasses().that().resideInAnyPackage("dev.amsh.client..", "dev.amsh.wire..")
                .should().dependOnClassesThat().resideInAnyPackage(with(FEATURES, "org.springframework..", "java.sql..",
                        "javax.sql..", "liquibase..", "org.apache.derby.."))
                .check(classes);
    }

    @Test
    void theWireNamesNothingOfAmsh() {
        noClasses().that().resideInAPackage("dev.amsh.wire..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.amsh.catalog..", "dev.amsh.client..",
                        "dev.amsh.service..", "dev.amsh.shell..")
                .check(classes);
    }

    @Test
    void theVocabularyNamesNothingElseOfAmshNorAFramework() {
        noClasses().that().resideInAPackage("dev.amsh.vocabulary..")
                .should().dependOnClassesThat().resideInAnyPackage(with(FEATURES, "dev.amsh.catalog..", "dev.amsh.command..",
                        "dev.amsh.shell..", "dev.amsh.client..", "dev.amsh.service..", "dev.amsh.wire..",
                        "dev.amsh.dashboard..", "org.springframework..", "java.sql..", "javax.sql.."))
                .check(classes);
    }

    @Test
    void theRulesDependOnNothingButTheirModelAndTheVocabulary() {
        classes().that().resideInAPackage("dev.amsh.image.rules..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("dev.amsh.image.rules..", "dev.amsh.image.model..",
                        "dev.amsh.vocabulary..", "java..")
                .check(classes);
    }

    @Test
    void theWebLayerReachesNoDatabaseDirectly() {
        noClasses().that().resideInAPackage("dev.amsh.dashboard..")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "org.springframework.jdbc..",
                        "org.springframework.data.jdbc..", "org.springframework.data.repository..")
                .orShould().dependOnClassesThat().haveSimpleNameEndingWith("Repository")
                .check(classes);
    }

    @Test
    void imagesChangeOnlyThroughTheirStore() {
        noClasses().that().resideOutsideOfPackage("dev.amsh.image")
                .should().dependOnClassesThat().haveFullyQualifiedName("dev.amsh.image.ImageRepository")
                .check(classes);
        // Spring's build-time bean definitions (ImageStore__BeanDefinitions) name what they construct.
        noClasses().that().resideInAPackage("dev.amsh.image").and().doNotHaveSimpleName("ImageStore")
                .and().doNotHaveSimpleName("ImageRepository").and().haveSimpleNameNotContaining("__")
                .should().dependOnClassesThat().haveFullyQualifiedName("dev.amsh.image.ImageRepository")
                .check(classes);
    }

    /**
     * A change applied as shown or not at all answers with a ChangeOutcome, which the faces render:
     * no command or page catches a refusal to learn how it ended (the executor and Audited classify
     * what is thrown, once, by CommandResult).
     */
    @Test
    void facesReadChangeOutcomesAndCatchNoRefusal() {
        noClasses().that().haveSimpleNameEndingWith("Command").or().haveSimpleNameEndingWith("Controller")
                .should().dependOnClassesThat().areAssignableTo(RefusedException.class)
                .check(classes);
    }

    private static String[] with(String[] packages, String... more) {
        String[] all = java.util.Arrays.copyOf(packages, packages.length + more.length);
        System.arraycopy(more, 0, all, packages.length, more.length);
        return all;
    }
}
