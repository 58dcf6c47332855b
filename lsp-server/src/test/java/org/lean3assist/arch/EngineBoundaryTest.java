package org.lean3assist.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lean3assist.arch.stray.StrayLspImport;

/**
 * docs/architecture.md's boundaries inside lsp-server, on the compiled classes: the engine knows
 * neither LSP4J nor picocli nor its front ends, and the front ends do not know each other's
 * internals. A stray import anywhere in the engine fails {@link #theEngineKnowsNoFrontEnd()}.
 */
class EngineBoundaryTest {

    private static JavaClasses product;

    @BeforeAll
    static void importTheProduct() {
        product = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.lean3assist");
    }

    /** The rule, for any package that claims to be the engine. */
    private static ArchRule engineKnowsNoFrontEnd(String enginePackage) {
        return noClasses().that().resideInAPackage(enginePackage)
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.eclipse.lsp4j..", "picocli..", "com.google.gson..",
                        "org.lean3assist.lsp..", "org.lean3assist.cli..", "org.lean3assist.bench..")
                .because("the engine is the LSP-free core both front ends call (docs/architecture.md)");
    }

    @Test
    void theEngineKnowsNoFrontEnd() {
        assertTrue(product.stream().anyMatch(type -> type.getPackageName().equals("org.lean3assist.engine")),
                "the engine's classes were imported");
        engineKnowsNoFrontEnd("org.lean3assist.engine..").check(product);
    }

    @Test
    void theRuleCatchesAStrayImport() {
        // A test-only class standing where an engine class would, with one LSP4J import.
        JavaClasses stray = new ClassFileImporter().importClasses(StrayLspImport.class);
        EvaluationResult result = engineKnowsNoFrontEnd("org.lean3assist.arch.stray..").evaluate(stray);
        assertTrue(result.hasViolation(), "the rule did not see the LSP4J import");
        assertTrue(result.getFailureReport().toString().contains("org.eclipse.lsp4j.Position"),
                result.getFailureReport().toString());
    }

    @Test
    void theLanguageServerDoesNotReachIntoTheCommandLine() {
        noClasses().that().resideInAPackage("org.lean3assist.lsp..")
                .should().dependOnClassesThat().resideInAPackage("org.lean3assist.cli..")
                .check(product);
    }

    @Test
    void onlyTheLspAndBenchPackagesSpeakLsp4j() {
        noClasses().that().resideOutsideOfPackages("org.lean3assist.lsp..", "org.lean3assist.bench..")
                .should().dependOnClassesThat().resideInAPackage("org.eclipse.lsp4j..")
                .check(product);
    }
}
