package dev.solvent.oracle;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.time.Instant;
import java.time.LocalDateTime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Guards for determinism and layering: seeded randomness only, no clock, StrictMath, feeds apart from history. */
class ArchitectureTest {

    static JavaClasses oracle;

    @BeforeAll
    static void load() {
        oracle = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages("dev.solvent.oracle");
    }

    @Test
    void takesRandomnessOnlyFromSeededGenerators() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .areAssignableTo(java.util.Random.class)
                .orShould()
                .callMethod(Math.class, "random")
                .orShould()
                .callMethod(java.util.random.RandomGenerator.class, "nextGaussian")
                .because("paths must be identical for a seed on every machine")
                .check(oracle);
    }

    @Test
    void neverReadsTheClock() {
        noClasses()
                .should()
                .callMethod(System.class, "currentTimeMillis")
                .orShould()
                .callMethod(System.class, "nanoTime")
                .orShould()
                .callMethod(Instant.class, "now")
                .orShould()
                .callMethod(LocalDateTime.class, "now")
                .because("time is the block's timestamp, passed in")
                .check(oracle);
    }

    @Test
    void usesStrictMathForTranscendentalFunctions() {
        noClasses()
                .should()
                .callMethod(Math.class, "exp", double.class)
                .orShould()
                .callMethod(Math.class, "log", double.class)
                .orShould()
                .callMethod(Math.class, "sqrt", double.class)
                .orShould()
                .callMethod(Math.class, "pow", double.class, double.class)
                .orShould()
                .callMethod(Math.class, "expm1", double.class)
                .orShould()
                .callMethod(Math.class, "log1p", double.class)
                .because("Math may differ between platforms by an ulp; StrictMath may not")
                .check(oracle);
    }

    @Test
    void keepsFeedsFreeOfHistoryAndMarketsFreeOfFeeds() {
        noClasses()
                .that()
                .resideInAPackage("..oracle.feed..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("..oracle.history..")
                .check(oracle);
        noClasses()
                .that()
                .resideInAPackage("..oracle.market..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("..oracle.feed..", "..oracle.history..")
                .check(oracle);
        slices().matching("dev.solvent.oracle.(*)..").should().beFreeOfCycles().check(oracle);
    }
}
