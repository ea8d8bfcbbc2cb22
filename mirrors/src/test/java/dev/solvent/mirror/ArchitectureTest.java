package dev.solvent.mirror;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The mirrors stand beside {@code contracts-model}, on the floor of the architecture: they implement its protocol
 * contract and know nothing above it, and they keep to exact integers as the model does.
 */
class ArchitectureTest {

    static JavaClasses mirrors;

    @BeforeAll
    static void load() {
        mirrors = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.solvent.mirror");
    }

    @Test
    void dependOnNothingAboveTheModel() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.solvent.oracle..",
                        "dev.solvent.keeper..",
                        "dev.solvent.simulation..",
                        "dev.solvent.properties..",
                        "dev.solvent.cli..")
                .check(mirrors);
    }

    @Test
    void useTheModelOnlyThroughItsProtocolContract() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.solvent.model.logic..",
                        "dev.solvent.model.state..",
                        "dev.solvent.model.policy..",
                        "dev.solvent.model.preset..")
                .check(mirrors);
    }

    @Test
    void keepInexactNumbersOut() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .haveFullyQualifiedName("java.math.BigDecimal")
                .orShould()
                .accessClassesThat()
                .haveFullyQualifiedName("java.lang.Double")
                .check(mirrors);
    }
}
