package io.flowmesh.reference;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The reference implementation's architecture, as rules that fail the build when broken. */
class ArchitectureTest {

    private static JavaClasses reference;

    @BeforeAll
    static void importMainClasses() {
        reference = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.flowmesh.reference");
    }

    @Test
    void theReferenceSeesTheKitOnlyThroughItsSpiAndProcessProtocol() {
        noClasses().that().resideInAPackage("io.flowmesh.reference..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.flowmesh.conformance.probe..", "io.flowmesh.conformance.classification..",
                        "io.flowmesh.conformance.audit..", "io.flowmesh.conformance.report..",
                        "io.flowmesh.conformance.cli..", "io.flowmesh.conformance.suite..")
                .because("an implementation is measured by the kit and must not lean on the kit's internals; "
                        + "the SPI and the process protocol are the kit's public faces to implementations")
                .check(reference);
    }

    @Test
    void theParserKnowsNothingOfWhatRunsTemplates() {
        noClasses().that().resideInAPackage("io.flowmesh.reference.parse..")
                .should().dependOnClassesThat().resideInAnyPackage("io.flowmesh.reference.schedule..",
                        "io.flowmesh.reference.execute..", "io.flowmesh.reference.backend..")
                .because("parsing decides what a template says, not what it does")
                .check(reference);
    }

    @Test
    void backendsKnowNothingOfTemplates() {
        noClasses().that().resideInAPackage("io.flowmesh.reference.backend..")
                .should().dependOnClassesThat().resideInAnyPackage("io.flowmesh.reference.parse..",
                        "io.flowmesh.reference.schedule..", "io.flowmesh.reference.execute..")
                .because("backends are engines: executors translate templates into their calls")
                .check(reference);
    }

    @Test
    void executorsReachEnginesOnlyThroughTheirBackendInterface() {
        noClasses().that().resideInAPackage("io.flowmesh.reference.execute..")
                .and().doNotHaveSimpleName("Backends")
                .should().dependOnClassesThat().resideInAPackage("io.flowmesh.reference.backend.bridge..")
                .orShould().dependOnClassesThat().haveSimpleNameStartingWith("Cpu")
                .because("one backend interface per engine family (VllmBackend, PpoBackend): the backend option picks"
                        + " the CPU engine or the bridge in one place, so an executor runs the same code on both")
                .check(reference);
    }

    @Test
    void theSchedulerDoesNotExecute() {
        noClasses().that().resideInAPackage("io.flowmesh.reference.schedule..")
                .should().dependOnClassesThat().resideInAnyPackage("io.flowmesh.reference.execute..",
                        "io.flowmesh.reference.backend..")
                .because("placing tasks must not depend on how they run")
                .check(reference);
    }

    @Test
    void referencePackagesFormNoCycles() {
        slices().matching("io.flowmesh.reference.(*)..").should().beFreeOfCycles().check(reference);
    }
}
