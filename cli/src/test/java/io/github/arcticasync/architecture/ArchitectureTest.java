package io.github.arcticasync.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module and package rules of style-anchors.md §4.16, checked on the compiled classes of every module (the cli
 * module sees them all): a dependency that crosses a line fails the build instead of waiting for a review.
 */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.github.arcticasync");
    }

    @Test
    void theStoreKnowsNothingOfRedisOrTheAsyncLayers() {
        noClasses().that().resideInAPackage("io.github.arcticasync.store..")
                .should().dependOnClassesThat().resideInAnyPackage("redis.clients..", "org.redisson..",
                        "io.github.arcticasync.asynchronous..", "io.github.arcticasync.internal..",
                        "io.github.arcticasync.worker..", "io.github.arcticasync.coordinator..")
                .check(classes);
    }

    @Test
    void workerAndCoordinatorMeetOnlyThroughRedis() {
        noClasses().that().resideInAPackage("io.github.arcticasync.worker..")
                .should().dependOnClassesThat().resideInAPackage("io.github.arcticasync.coordinator..")
                .check(classes);
        noClasses().that().resideInAPackage("io.github.arcticasync.coordinator..")
                .should().dependOnClassesThat().resideInAPackage("io.github.arcticasync.worker..")
                .check(classes);
    }

    @Test
    void theApiModuleDoesNotReachIntoProcessesBuiltOnIt() {
        noClasses().that().resideInAnyPackage("io.github.arcticasync.asynchronous..", "io.github.arcticasync.internal..")
                .should().dependOnClassesThat().resideInAnyPackage("io.github.arcticasync.worker..",
                        "io.github.arcticasync.coordinator..", "io.github.arcticasync.cli..")
                .check(classes);
    }

    @Test
    void theUserApiExposesNoDriverOrRedisTypes() {
        methods().that().arePublic().and().areDeclaredInClassesThat()
                .resideInAPackage("io.github.arcticasync.asynchronous..")
                .should().notHaveRawReturnType(com.mongodb.client.MongoClient.class)
                .check(classes);
        noClasses().that().resideInAPackage("io.github.arcticasync.asynchronous..").and().arePublic()
                .should().dependOnClassesThat().resideInAnyPackage("redis.clients..", "org.redisson..")
                .because("the user API hides the transport; Redis types belong in internal.transport.redis")
                .check(classes);
    }

    @Test
    void theMongoLayoutStaysInsideTheStore() {
        noClasses().that().resideOutsideOfPackage("io.github.arcticasync.store..")
                .should().dependOnClassesThat().resideInAPackage("io.github.arcticasync.store.internal.mongo..")
                .because("Python Arctic's MongoDB layout is the store's business; others go through Arctic")
                .check(classes);
    }
}
