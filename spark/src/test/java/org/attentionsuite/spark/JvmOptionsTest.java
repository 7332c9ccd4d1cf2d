package org.attentionsuite.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.launcher.JavaModuleOptions;
import org.junit.jupiter.api.Test;

/**
 * {@code jvm.options}, which {@code ./suite} and this module's tests give the driver's JVM, holds
 * every {@code --add-opens} and {@code -D} option that this Spark version lists as needed on Java 17.
 */
class JvmOptionsTest {
    @Test
    void jvmOptionsHoldWhatThisSparkNeedsOnJava17() throws IOException {
        List<String> ours = Files.readAllLines(Path.of("jvm.options")).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        List<String> needed = List.of(JavaModuleOptions.defaultModuleOptionArray()).stream()
                .filter(o -> o.startsWith("--add-opens") || o.startsWith("-D")).toList();
        assertEquals(needed, ours);
    }
}
