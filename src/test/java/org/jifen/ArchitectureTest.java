package org.jifen;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.jifen.card.CardToken;
import org.jifen.common.security.VillageScope;
import org.jifen.household.Roster;
import org.jifen.ledger.Seal;
import org.jifen.notice.NoticeRules;
import org.jifen.points.Ranking;
import org.jifen.portal.PhoneCheck;
import org.jifen.rating.StarRule;
import org.jifen.wechat.JsSdkSignature;
import org.junit.jupiter.api.Test;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaMethodCall;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The business rules that need no framework stay plain Java (ranking with ties, bonus, stars, seals,
 * card tokens, village scope, notice rules...), and features do not reach into each other's web layer.
 */
class ArchitectureTest {

    private static final String[] FRAMEWORKS = {"jakarta..", "io.quarkus..", "org.hibernate..", "io.vertx..", "io.smallrye.."};

    @Test
    void shouldKeepFrameworksOutOfThePureRules() {
        JavaClasses rules = new ClassFileImporter().importClasses(Ranking.class, Ranking.Place.class, Ranking.Result.class,
                StarRule.class, Seal.class, Seal.Head.class, CardToken.class, VillageScope.class,
                NoticeRules.class, Roster.class, PhoneCheck.class, JsSdkSignature.class, org.jifen.common.Photos.class, org.jifen.common.QrDecoder.class,
                org.jifen.shop.RedemptionRange.class, org.jifen.shop.ShopRights.class,
                org.jifen.flags.FlagMath.class, org.jifen.flags.FlagMath.Concentration.class, org.jifen.flags.FlagMath.Approved.class);
        noClasses().should().dependOnClassesThat().resideInAnyPackage(FRAMEWORKS).check(rules);
    }

    @Test
    void shouldKeepTheCommonPackageFreeOfFeatures() {
        JavaClasses all = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.jifen");
        noClasses().that().resideInAPackage("org.jifen.common..")
                .should().dependOnClassesThat().resideInAnyPackage("org.jifen.household..", "org.jifen.points..",
                        "org.jifen.shop..", "org.jifen.card..", "org.jifen.notice..", "org.jifen.portal..",
                        "org.jifen.rating..", "org.jifen.ledger..", "org.jifen.wechat..")
                .check(all);
    }

    @Test
    void shouldKeepTheTownFreeOfTheDemo() {
        // the demo builds on the town (DemoData runs after Bootstrap), never the other way round
        JavaClasses all = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.jifen");
        noClasses().that().resideInAPackage("org.jifen.town..")
                .should().dependOnClassesThat().resideInAPackage("org.jifen.demo..")
                .check(all);
    }

    @Test
    void shouldKeepTheHouseholdPackageFreeOfWeChat() {
        // the household page links to the WeChat bindings page by URL only
        JavaClasses all = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.jifen");
        noClasses().that().resideInAPackage("org.jifen.household..")
                .should().dependOnClassesThat().resideInAPackage("org.jifen.wechat..")
                .check(all);
    }

    private static JavaClasses production() {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.jifen");
    }

    @Test
    void shouldKeepThePackagesFreeOfCycles() {
        com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices().matching("org.jifen.(*)..")
                .should().beFreeOfCycles().check(production());
    }

    @Test
    void shouldReachTheDatabaseOneWay() {
        // the reactive Pool and SQL through common/db/Sql; no ORM beside it (README, Architecture)
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.hibernate.reactive..", "org.hibernate.orm..",
                "io.quarkus.hibernate..", "jakarta.persistence..").check(production());
    }

    @Test
    void shouldReadRowsByColumnName() {
        // r.getLong("id"), never r.getLong(0): a reordered SELECT must not silently shift values
        DescribedPredicate<JavaMethodCall> byPosition = new DescribedPredicate<>("read a row value by position") {
            @Override
            public boolean test(JavaMethodCall call) {
                var target = call.getTarget();
                var params = target.getRawParameterTypes();
                return target.getOwner().isAssignableTo(io.vertx.sqlclient.Tuple.class)
                        || target.getOwner().isAssignableTo(io.vertx.mutiny.sqlclient.Tuple.class)
                        ? target.getName().startsWith("get") && params.size() == 1 && params.get(0).isEquivalentTo(int.class)
                        : false;
            }
        };
        noClasses().should().callMethodWhere(byPosition).check(production());
    }
}
