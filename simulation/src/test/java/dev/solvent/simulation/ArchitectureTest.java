package dev.solvent.simulation;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The simulation is written against the protocol contract: only {@code dev.solvent.simulation.protocol}, where the
 * scenario's protocol name picks an implementation, may know the mirrors, and the generic lending run never names a
 * protocol's own types.
 */
class ArchitectureTest {

    static JavaClasses simulation;

    @BeforeAll
    static void load() {
        simulation = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.solvent.simulation");
    }

    @Test
    void onlyTheProtocolFactoryKnowsTheMirrors() {
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.solvent.simulation.protocol")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.solvent.mirror..")
                .check(simulation);
    }

    @Test
    void theLendingRunKnowsNoProtocolsOwnTypes() {
        noClasses()
                .that()
                .resideInAPackage("dev.solvent.simulation.lending")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.solvent.mirror..",
                        "dev.solvent.model.state..",
                        "dev.solvent.model.logic..",
                        "dev.solvent.model.policy..",
                        "dev.solvent.model.view..",
                        "dev.solvent.keeper..")
                .check(simulation);
    }
}
