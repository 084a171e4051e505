package com.omnichat.desktop.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The desktop layering (ARCHITECTURE.md, STYLE.md): api knows no JavaFX, screens never talk HTTP. */
class ArchitectureTest {
    private static final List<String> SCREENS = List.of("login", "inbox", "conversation", "team", "followups",
            "history", "analytics", "settings");

    private static final JavaClasses APP = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.omnichat.desktop");

    @Test
    void apiHasNoJavaFx() {
        noClasses().that().resideInAPackage("..desktop.api..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "atlantafx..", "org.kordamp..")
                .check(APP);
    }

    @Test
    void apiKnowsNothingAboveIt() {
        noClasses().that().resideInAPackage("..desktop.api..")
                .should().dependOnClassesThat().resideInAnyPackage("..desktop.model..", "..desktop.ui..", "..desktop.notify..")
                .check(APP);
    }

    @Test
    void screensNeverTalkHttpOrSockets() {
        noClasses().that().resideInAPackage("..desktop.ui..")
                .should().dependOnClassesThat().resideInAnyPackage("okhttp3..", "org.java_websocket..", "java.net.http..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("com.omnichat.desktop.api.RestClient")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("com.omnichat.desktop.api.StaffStream")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("com.omnichat.desktop.api.Outbox")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("com.omnichat.desktop.api.HttpJson")
                .check(APP);
    }

    @Test
    void modelKnowsNoScreens() {
        noClasses().that().resideInAPackage("..desktop.model..")
                .should().dependOnClassesThat().resideInAnyPackage("..desktop.ui..", "..desktop.notify..")
                .check(APP);
    }

    @Test
    void screensAreIndependentOfEachOther() {
        for (String screen : SCREENS) {
            noClasses().that().resideInAPackage("..desktop.ui." + screen + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(otherScreens(screen))
                    .check(APP);
        }
    }

    private static String[] otherScreens(String screen) {
        return SCREENS.stream().filter(other -> !other.equals(screen)).map(other -> "..desktop.ui." + other + "..").toArray(String[]::new);
    }
}
