package com.omnichat.server.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The module and package rules of ARCHITECTURE.md, stated as code so a wrong import fails the build. */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("com.omnichat");
    }

    @Test
    void onlyRoutesAndTheHttpPackageKnowJavalin() {
        noClasses().that().resideOutsideOfPackage("com.omnichat.server.http..")
                .and().haveSimpleNameNotEndingWith("Routes")
                .and().haveSimpleNameNotStartingWith("Routes")
                .and().doNotHaveFullyQualifiedName("com.omnichat.server.OmnichatServer")
                .should().dependOnClassesThat().resideInAPackage("io.javalin..")
                .because("services and stores are plain Java; only routes and the http package speak Javalin")
                .check(classes);
    }

    @Test
    void servicesAndStoresDoNotReachIntoTheHttpLayer() {
        noClasses().that().haveSimpleNameEndingWith("Service").or().haveSimpleNameEndingWith("Store")
                .should().dependOnClassesThat().resideInAPackage("com.omnichat.server.http..")
                .check(classes);
    }

    @Test
    void theSharedProtocolHasNoServerNetworkingOrUiCode() {
        noClasses().that().resideInAPackage("com.omnichat.protocol..")
                .should().dependOnClassesThat().resideInAnyPackage("com.omnichat.server..", "com.omnichat.desktop..",
                        "io.javalin..", "org.eclipse.jetty..", "java.net.http..", "javafx..", "java.sql..")
                .check(classes);
    }

    @Test
    void storageKnowsNoFeature() {
        noClasses().that().resideInAPackage("com.omnichat.server.storage..")
                .should().dependOnClassesThat().resideInAnyPackage("com.omnichat.server.conversations..",
                        "com.omnichat.server.auth..", "com.omnichat.server.users..", "com.omnichat.server.tenants..",
                        "com.omnichat.server.realtime..", "com.omnichat.server.http..", "com.omnichat.server.legacy..",
                        "com.omnichat.server.channels..")
                .check(classes);
    }

    @Test
    void noFeatureDependsOnTheLegacyCompatibilityLayer() {
        noClasses().that().resideOutsideOfPackage("com.omnichat.server.legacy..")
                .and().doNotHaveFullyQualifiedName("com.omnichat.server.OmnichatServer")
                .and().resideOutsideOfPackage("com.omnichat.server.cli..")
                .should().dependOnClassesThat().resideInAPackage("com.omnichat.server.legacy..")
                .because("the legacy surface maps onto the same services, never the other way round")
                .check(classes);
    }

    @Test
    void onlyTheCommandLinePrintsToTheConsole() {
        noClasses().that().resideOutsideOfPackage("com.omnichat.server.cli..")
                .and().doNotHaveFullyQualifiedName("com.omnichat.server.Main")
                .should().accessField(System.class, "out").orShould().accessField(System.class, "err")
                .because("the server logs through SLF4J, where secrets and message texts are kept out")
                .check(classes);
    }
}
