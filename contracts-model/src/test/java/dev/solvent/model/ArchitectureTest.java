package dev.solvent.model;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.math.BigDecimal;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Guards from day one: exact integers only, no package cycles, the model depends on nothing but the JDK and vavr. */
class ArchitectureTest {

    static JavaClasses model;

    @BeforeAll
    static void load() {
        model = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.solvent.model");
    }

    static final DescribedPredicate<JavaClass> INEXACT = DescribedPredicate.describe(
            "double, float or BigDecimal",
            c -> c.isEquivalentTo(double.class)
                    || c.isEquivalentTo(float.class)
                    || c.isEquivalentTo(Double.class)
                    || c.isEquivalentTo(Float.class)
                    || c.isEquivalentTo(BigDecimal.class));

    @Test
    void keepsInexactNumbersOutOfFields() {
        fields().should().notHaveRawType(INEXACT).check(model);
    }

    @Test
    void keepsInexactNumbersOutOfSignatures() {
        methods().should().notHaveRawReturnType(INEXACT).check(model);
        methods()
                .should(
                        new com.tngtech.archunit.lang.ArchCondition<com.tngtech.archunit.core.domain.JavaMethod>(
                                "not take double, float or BigDecimal") {
                            @Override
                            public void check(
                                    com.tngtech.archunit.core.domain.JavaMethod method,
                                    com.tngtech.archunit.lang.ConditionEvents events) {
                                method.getRawParameterTypes().stream()
                                        .filter(INEXACT)
                                        .forEach(
                                                t -> events.add(com.tngtech.archunit.lang.SimpleConditionEvent.violated(
                                                        method, method.getFullName() + " takes " + t.getName())));
                            }
                        })
                .check(model);
    }

    @Test
    void neverUsesInexactNumbersAtAll() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .haveFullyQualifiedName(BigDecimal.class.getName())
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName(Double.class.getName())
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName(Float.class.getName())
                .check(model);
    }

    @Test
    void hasNoPackageCycles() {
        slices().matching("dev.solvent.model.(**)").should().beFreeOfCycles().check(model);
    }

    @Test
    void dependsOnlyOnTheJdkAndVavr() {
        classes()
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage("dev.solvent.model..", "java..", "io.vavr..")
                .check(model);
    }

    @Test
    void neverReadsClocksOrRandomnessOrPrints() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .haveFullyQualifiedName("java.util.Random")
                .orShould()
                .callMethod(System.class, "currentTimeMillis")
                .orShould()
                .callMethod(System.class, "nanoTime")
                .orShould()
                .accessField(System.class, "out")
                .orShould()
                .accessField(System.class, "err")
                .check(model);
    }
}
