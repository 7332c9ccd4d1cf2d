package org.attentionsuite.app;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.net.URL;
import java.util.List;
import org.attentionsuite.app.cli.SuiteCli;
import org.attentionsuite.core.tensor.Mat;
import org.attentionsuite.experiments.evaluate.Evaluation;
import org.attentionsuite.image.model.Pixels;
import org.attentionsuite.music.model.MusicTokens;
import org.junit.jupiter.api.Test;

/**
 * The packages of every module form a graph without cycles: a package may use another only if
 * that one, directly or not, never uses it back. Read from the class files of the main sources of
 * all modules (the app module's tests see them all), so imports, fully qualified names and lambdas
 * all count, comments do not.
 */
class PackageCyclesTest {
    /** One class of each module, whose jar (or classes folder) is read whole. */
    static final List<Class<?>> MODULES = List.of(Mat.class, Pixels.class, MusicTokens.class, Evaluation.class,
            SuiteCli.class);

    /** The main classes of the suite's modules. */
    static JavaClasses mainClasses() {
        List<URL> places = MODULES.stream().map(c -> c.getProtectionDomain().getCodeSource().getLocation()).toList();
        return new ClassFileImporter().importUrls(places);
    }

    @Test
    void noPackageDependsOnItselfThroughOthers() {
        JavaClasses classes = mainClasses();
        assertFalse(classes.contain("org.attentionsuite.core.testing.AttentionContract"), "test classes are left out");
        slices().matching("org.attentionsuite.(**)").namingSlices("$1").should().beFreeOfCycles().check(classes);
    }
}
