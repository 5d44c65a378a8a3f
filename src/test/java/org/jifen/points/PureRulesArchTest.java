package org.jifen.points;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.jifen.ledger.Seal;
import org.jifen.rating.StarRule;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The ranking, bonus, star and seal rules stay plain Java: no JAX-RS, Quarkus, Hibernate or Vert.x in them. */
class PureRulesArchTest {

    @Test
    void shouldKeepFrameworksOutOfThePureRules() {
        JavaClasses rules = new ClassFileImporter().importClasses(Ranking.class, Ranking.Place.class, Ranking.Result.class,
                StarRule.class, Seal.class, Seal.Head.class);
        noClasses().should().dependOnClassesThat().resideInAnyPackage("jakarta..", "io.quarkus..", "org.hibernate..",
                "io.vertx..", "io.smallrye..").check(rules);
    }
}
