package io.flowmesh.conformance;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.apiguardian.api.API;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The kit's layering, checked on its main classes (the tests themselves are not imported). */
class ArchitectureTest {

    private static JavaClasses kit;

    @BeforeAll
    static void importTheKit() {
        kit = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.flowmesh.conformance");
    }

    @Test
    void theImportSeesEveryKitPackage() {
        assertThat(kit.stream().map(JavaClass::getPackageName).distinct())
                .as("packages imported; a rule over an empty package would pass vacuously")
                .contains("io.flowmesh.conformance.spi", "io.flowmesh.conformance.probe",
                        "io.flowmesh.conformance.classification", "io.flowmesh.conformance.audit",
                        "io.flowmesh.conformance.report", "io.flowmesh.conformance.cli", "io.flowmesh.conformance.suite",
                        "io.flowmesh.conformance.contract", "io.flowmesh.conformance.store");
        assertThat(kit.stream().map(JavaClass::getName))
                .as("no test class is imported").doesNotContain(ArchitectureTest.class.getName());
    }

    @Test
    void theSpiUsesOnlyTheJdkAndApiGuardian() {
        classes().that().resideInAPackage("io.flowmesh.conformance.spi..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "org.apiguardian..",
                        "io.flowmesh.conformance.spi..")
                .because("an implementation plugs in without sharing the kit's libraries (Jackson, JUnit)")
                .check(kit);
    }

    @Test
    void theSpiDependsOnNoOtherKitPackage() {
        noClasses().that().resideInAPackage("io.flowmesh.conformance.spi..")
                .should().dependOnClassesThat(DescribedPredicate.describe(
                        "are kit classes outside the SPI", (JavaClass c) -> c.getPackageName().startsWith("io.flowmesh.conformance")
                                && !c.getPackageName().startsWith("io.flowmesh.conformance.spi")))
                .because("the SPI is the stable contract; the kit's internals may change under it")
                .check(kit);
    }

    @Test
    void theProbeEngineKnowsNothingOfAuditsReportsOrFrontEnds() {
        noClasses().that().resideInAPackage("io.flowmesh.conformance.probe..")
                .should().dependOnClassesThat().resideInAnyPackage("io.flowmesh.conformance.audit..",
                        "io.flowmesh.conformance.report..", "io.flowmesh.conformance.cli..", "io.flowmesh.conformance.suite..")
                .because("probes measure effects; judging and presenting them is done above them")
                .check(kit);
    }

    @Test
    void theClassificationKnowsNothingOfAuditsReportsOrFrontEnds() {
        noClasses().that().resideInAPackage("io.flowmesh.conformance.classification..")
                .should().dependOnClassesThat().resideInAnyPackage("io.flowmesh.conformance.audit..",
                        "io.flowmesh.conformance.report..", "io.flowmesh.conformance.cli..", "io.flowmesh.conformance.suite..")
                .because("the classification and its rules are data and pure judgement, usable by any front end")
                .check(kit);
    }

    @Test
    void contractCasesKnowNothingOfAuditsReportsOrFrontEnds() {
        noClasses().that().resideInAPackage("io.flowmesh.conformance.contract..")
                .should().dependOnClassesThat().resideInAnyPackage("io.flowmesh.conformance.audit..",
                        "io.flowmesh.conformance.report..", "io.flowmesh.conformance.cli..", "io.flowmesh.conformance.suite..")
                .because("a contract case is a scenario and its oracle; any front end runs and presents it")
                .check(kit);
    }

    @Test
    void theInputsTheKitWritesDependOnNoOtherKitPackage() {
        noClasses().that().resideInAPackage("io.flowmesh.conformance.store..")
                .should().dependOnClassesThat(DescribedPredicate.describe(
                        "are kit classes outside the store", (JavaClass c) -> c.getPackageName().startsWith("io.flowmesh.conformance")
                                && !c.getPackageName().startsWith("io.flowmesh.conformance.store")))
                .because("writing a model store is a plain file format; audits, contracts and tests all build on it")
                .check(kit);
    }

    @Test
    void reportsKnowNothingOfTheFrontEnds() {
        noClasses().that().resideInAPackage("io.flowmesh.conformance.report..")
                .should().dependOnClassesThat().resideInAnyPackage("io.flowmesh.conformance.cli..",
                        "io.flowmesh.conformance.suite..")
                .because("the CLI and the JUnit suite both render the same reports")
                .check(kit);
    }

    @Test
    void onlyTheCommandLineUsesPicocli() {
        noClasses().that().resideOutsideOfPackage("io.flowmesh.conformance.cli..")
                .should().dependOnClassesThat().resideInAPackage("picocli..")
                .because("the command line is one front end; the library must not need it")
                .check(kit);
    }

    @Test
    void onlyTheSuiteUsesTestLibraries() {
        noClasses().that().resideOutsideOfPackage("io.flowmesh.conformance.suite..")
                .should().dependOnClassesThat().resideInAnyPackage("org.junit..", "org.assertj..")
                .because("the suites are the only place where a measurement becomes a test assertion")
                .check(kit);
    }

    @Test
    void everyPublicKitTypeDeclaresItsApiStatus() {
        classes().that().arePublic().and().areTopLevelClasses()
                .should().beAnnotatedWith(API.class)
                .because("a user must see from the type itself whether it is API to build on (STABLE, EXPERIMENTAL)"
                        + " or an INTERNAL detail that may change in any release")
                .check(kit);
    }

    @Test
    void theKitsApiExposesNoJacksonType() {
        classes().that(ARE_API).should(EXPOSE_NO_JACKSON_TYPE)
                .because("implementers build against the SPI, the suites and the process protocol without sharing the"
                        + " kit's JSON library; INTERNAL types may use it freely")
                .check(kit);
    }

    private static final DescribedPredicate<JavaClass> ARE_API = DescribedPredicate.describe(
            "are API (annotated @API with a status other than INTERNAL)", c -> c.tryGetAnnotationOfType(API.class.getName())
                    .map(a -> !String.valueOf(a.get("status").orElse("")).endsWith("INTERNAL")).orElse(false));

    private static final ArchCondition<JavaClass> EXPOSE_NO_JACKSON_TYPE = new ArchCondition<>(
            "expose no Jackson type in a public signature") {
        @Override
        public void check(JavaClass type, ConditionEvents events) {
            for (JavaMember member : type.getMembers()) {
                if (!member.getModifiers().contains(JavaModifier.PUBLIC)) {
                    continue;
                }
                List<JavaType> signature = new ArrayList<>();
                if (member instanceof JavaCodeUnit unit) {
                    signature.add(unit.getReturnType());
                    signature.addAll(unit.getParameterTypes());
                } else if (member instanceof JavaField field) {
                    signature.add(field.getType());
                }
                signature.stream().flatMap(t -> t.getAllInvolvedRawTypes().stream())
                        .filter(raw -> raw.getPackageName().startsWith("com.fasterxml"))
                        .forEach(raw -> events.add(SimpleConditionEvent.violated(member,
                                member.getFullName() + " exposes " + raw.getName())));
            }
        }
    };

    @Test
    void kitPackagesHaveNoCycles() {
        slices().matching("io.flowmesh.conformance.(*)..")
                .should().beFreeOfCycles()
                .because("each package builds on those below it, so each can be understood and tested alone")
                .check(kit);
    }
}
