package org.attentionsuite.experiments.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gathered report: machine, inlined results, relative chart links, missing experiments, commands. */
class ReportTest {
    static final MachineInfo MACHINE = new MachineInfo(2, "Test CPU @ 1 GHz", List.of("avx", "avx2", "avx512f"),
            "Test JVM 17", "org.nd4j.linalg.cpu.nativecpu.CpuBackend", "-avx512");

    @Test
    void indexListsTheMachineInlinesResultsAndLinksChartsRelativeToItself(@TempDir Path out) throws IOException {
        Outputs.writeString(Outputs.result(out, "compare-images.md"), "# Quality comparison: images\n\n"
                + Outputs.commandLine("./suite compare images --preset quick --steps 250 --out " + out) + "\n\n"
                + "| arm | bits/dim |\n| --- | --- |\n| full | 3.1 |\n\n![chart](../charts/compare-images.png)\n");
        Outputs.writeBytes(Outputs.chart(out, "compare-images.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        Report.Summary s = Report.build(out, MACHINE);
        String index = Files.readString(s.index());
        assertEquals(out.resolve("index.md"), s.index());
        for (String expected : List.of("| cores | 2 |", "Test CPU @ 1 GHz", "avx avx2 avx512f", "Test JVM 17",
                "CpuBackend", "loaded (platform extension -avx512)", "## Quality at convergence: images",
                "![chart](charts/compare-images.png)", "not run yet: `./suite sweep --out " + out + "`",
                "./suite compare images --preset quick --steps 250 --out " + out,
                "./suite compare chorales --preset quick --out " + out + "   # not run yet")) {
            assertTrue(index.contains(expected), "index.md lacks " + expected + ":\n" + index);
        }
        assertFalse(index.contains("](../charts/"));
        assertFalse(index.contains("Quality comparison: images"), "the results file's own title is replaced");
        assertTrue(Files.isRegularFile(out.resolve("charts/compare-images.png")));
        assertEquals(2, s.missing().size());
        assertEquals(1, s.included().size());
    }

    @Test
    void detectedMachineHasCoresAndABackend() {
        MachineInfo m = MachineInfo.detect();
        assertTrue(m.cores() > 0);
        assertFalse(m.nd4jBackend().isBlank());
        assertFalse(m.jvm().isBlank());
    }
}
