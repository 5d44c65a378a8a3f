package org.jifen.oversight;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The draw and the checklist rules stay plain Java, so an auditor reads them without knowing the framework. */
class OversightRulesArePureTest {

    @Test
    void shouldKeepFrameworksOutOfTheDrawAndTheChecklist() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("jakarta..", "io.quarkus..", "org.hibernate..", "io.vertx..",
                        "io.smallrye..", "com.fasterxml..")
                .check(new ClassFileImporter().importClasses(SampleDraw.class, ShopChecklist.class, ShopChecklist.Point.class,
                        ShopChecklist.Finding.class, ShopChecklist.Goods.class, ShopChecklist.Batch.class, ShopChecklist.Level.class));
    }
}
