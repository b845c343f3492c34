package io.centralkitchen.processes;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The module boundaries of the code base, checked on every build. In {@code processes} each top-level package is a
 * module; its root package is what other modules may use, its sub-packages ({@code show.live}, {@code
 * preselection.steps}, ...) are its internals. The kernel ({@code api}, {@code access}, {@code station}, {@code archive},
 * {@code engine}) serves every module and depends on none. Below the application, {@code storage}, {@code media} and
 * {@code routes} never reach up into it.
 */
class ArchitectureTest {

    private static final String ROOT = "io.centralkitchen.processes";
    private static final List<String> KERNEL = List.of("api", "access", "station", "engine", "archive");
    private static final List<String> DOMAIN = List.of("catalogue", "notification", "orders", "preselection", "show",
            "aftersales", "integration", "media", "demo", "commerce");

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.centralkitchen");
    }

    @Test
    void modulesUseEachOthersRootPackageOnly() {
        for (String module : DOMAIN) {
            String base = ROOT + "." + module;
            noClasses().that(outside(base)).should().dependOnClassesThat(insideSubPackagesOf(base))
                    .as("only " + base + " itself is the face of module '" + module + "'; its sub-packages are internal")
                    .check(classes);
        }
    }

    @Test
    void theKernelDependsOnNoModule() {
        for (String kernel : KERNEL) {
            for (String module : DOMAIN) {
                noClasses().that().resideInAPackage(ROOT + "." + kernel + "..")
                        .should().dependOnClassesThat().resideInAPackage(ROOT + "." + module + "..")
                        .as(kernel + " is kernel: it must not depend on the module " + module).check(classes);
            }
        }
    }

    @Test
    void theCatalogueStandsOnTheKernelAlone() {
        for (String module : DOMAIN) {
            if (!module.equals("catalogue")) {
                noClasses().that().resideInAPackage(ROOT + ".catalogue..")
                        .should().dependOnClassesThat().resideInAPackage(ROOT + "." + module + "..").check(classes);
            }
        }
    }

    @Test
    void theShowKnowsProductsFromTheCatalogueNotFromPreSelection() {
        noClasses().that().resideInAPackage(ROOT + ".show..")
                .should().dependOnClassesThat().resideInAPackage(ROOT + ".preselection..").check(classes);
    }

    @Test
    void nothingDependsOnTheDemo() {
        noClasses().that().resideOutsideOfPackage(ROOT + ".demo..")
                .should().dependOnClassesThat().resideInAPackage(ROOT + ".demo..").check(classes);
    }

    @Test
    void modulesDoNotDependOnEachOtherInCircles() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void stepsAndControllersLeaveSqlToRepositories() {
        noClasses().that().implement(JavaDelegate.class).or().implement(TaskListener.class).or().implement(ExecutionListener.class)
                .or().areAnnotatedWith(RestController.class)
                .should().dependOnClassesThat().areAssignableTo(JdbcTemplate.class)
                .as("a step or controller calls a repository or service (which also checks the station), never SQL")
                .check(classes);
    }

    @Test
    void theLowerModulesNeverReachUpIntoTheApplication() {
        noClasses().that().resideInAnyPackage("io.centralkitchen.storage..", "io.centralkitchen.media..", "io.centralkitchen.routes..")
                .should().dependOnClassesThat().resideInAPackage(ROOT + "..").check(classes);
        noClasses().that().resideInAPackage("io.centralkitchen.storage..")
                .should().dependOnClassesThat().resideInAnyPackage("io.centralkitchen.media..", "io.centralkitchen.routes..")
                .check(classes);
        noClasses().that().resideInAPackage("io.centralkitchen.routes..")
                .should().dependOnClassesThat().resideInAPackage("io.centralkitchen.media..").check(classes);
        noClasses().that().resideInAPackage("io.centralkitchen.media..")
                .should().dependOnClassesThat().resideInAPackage("io.centralkitchen.routes..").check(classes);
    }

    private static DescribedPredicate<JavaClass> outside(String base) {
        return DescribedPredicate.describe("outside " + base,
                c -> !c.getPackageName().equals(base) && !c.getPackageName().startsWith(base + "."));
    }

    private static DescribedPredicate<JavaClass> insideSubPackagesOf(String base) {
        return DescribedPredicate.describe("in a sub-package of " + base, c -> c.getPackageName().startsWith(base + "."));
    }
}
