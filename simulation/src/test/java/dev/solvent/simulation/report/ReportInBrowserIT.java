package dev.solvent.simulation.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vavr.control.Either;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reports opened in a real browser: headless Chromium loads each page from a file, with the network unused, and the
 * page must run without a single console message, draw every chart as SVG, and leave a screenshot that is not blank.
 * The last two tests show that the checks can fail: a page with a script error and a blank page are caught.
 */
@Tag("integration")
class ReportInBrowserIT {

    private static final Pattern CHART = Pattern.compile("<div class=\"chart\" id=\"(chart-[^\"]+)\"");
    private static final Pattern PATH_D = Pattern.compile("<path[^>]*\\sd=\"([^\"]*)\"");

    @TempDir
    Path work;

    @Test
    void crashReportDrawsEveryChartWithItsData() throws Exception {
        RunReport report = ReportFixtures.crash();
        Chromium.Page page = open(report);

        assertThat(page.console()).as("console messages").isEmpty();
        Map<String, String> charts = charts(page.dom());
        assertThat(charts.keySet())
                .containsExactly(
                        "chart-price-0",
                        "chart-price-1",
                        "chart-insurance-fund",
                        "chart-liquidations",
                        "chart-health",
                        "chart-losses",
                        "chart-keepers");
        charts.forEach((id, svg) -> {
            assertThat(svg).as(id).contains("<svg");
            // axes alone are short paths; a series over 360 samples is a path of hundreds of segments
            assertThat(longestPath(svg))
                    .as("segments of the longest path in " + id)
                    .isGreaterThan(150);
        });
        assertNotBlank(page.screenshot());
    }

    @Test
    void aSimulatedRunsReportOpensCleanAndDrawsEveryChart() throws Exception {
        dev.solvent.simulation.metrics.RunResult run = dev.solvent.simulation.Simulation.run(
                dev.solvent.simulation.TestScenarios.small(java.util.Map.of("traders.count", "120")), 3);
        Chromium.Page page = open(dev.solvent.simulation.output.RunReports.of(run, "USDC"));
        assertThat(page.console()).as("console messages").isEmpty();
        Map<String, String> charts = charts(page.dom());
        assertThat(charts).hasSize(7);
        charts.forEach((id, svg) -> assertThat(paths(svg)).as(id).isPositive());
        // the price charts follow 900 blocks of a jump-diffusion path: long lines, not axes
        assertThat(longestPath(charts.get("chart-price-1"))).isGreaterThan(300);
        assertNotBlank(page.screenshot());
    }

    @Test
    void sweepReportDrawsTheHeatmapCellByCell() throws Exception {
        SweepReport report = ReportFixtures.sweep();
        Chromium.Page page = open(report);

        assertThat(page.console()).as("console messages").isEmpty();
        Map<String, String> charts = charts(page.dom());
        assertThat(charts.keySet()).containsExactly("chart-heatmap");
        // 20 cells (19 with a value, 1 grey), each its own path, besides axes and the colour scale
        assertThat(paths(charts.get("chart-heatmap"))).isGreaterThanOrEqualTo(20);
        assertThat(page.dom()).contains("3 of 3 runs failed");
        assertNotBlank(page.screenshot());
    }

    @Test
    void edgeCasesOpenWithoutErrorsAndStillDrawTheirAxes() throws Exception {
        Map<String, RunReport> reports = new LinkedHashMap<>();
        reports.put("empty", ReportFixtures.empty());
        reports.put("single", ReportFixtures.singleSample());
        reports.put("all-zero", ReportFixtures.allZero());
        for (Map.Entry<String, RunReport> entry : reports.entrySet()) {
            Path folder = Files.createDirectories(work.resolve(entry.getKey()));
            Chromium.Page page = open(entry.getValue(), folder);

            assertThat(page.console())
                    .as("console messages of " + entry.getKey())
                    .isEmpty();
            Map<String, String> charts = charts(page.dom());
            assertThat(charts).as(entry.getKey()).hasSize(6);
            charts.forEach((id, svg) ->
                    assertThat(paths(svg)).as(entry.getKey() + " " + id).isPositive());
        }
    }

    @Test
    void aScriptErrorIsSeenOnTheConsole() throws Exception {
        Chromium.Page page = chromium().open(resource("console-error.html"), work);

        assertThat(page.console()).anySatisfy(line -> assertThat(line).contains("Uncaught ReferenceError"));
    }

    @Test
    void aBlankPageIsSeenAsBlank() throws Exception {
        Chromium.Page page = chromium().open(resource("blank.html"), work);

        assertThat(page.console()).isEmpty();
        assertThat(Screenshot.of(page.screenshot()).drawn()).isFalse();
    }

    private Chromium.Page open(Report report) throws IOException, InterruptedException {
        return open(report, work);
    }

    private Chromium.Page open(Report report, Path folder) throws IOException, InterruptedException {
        Chromium chromium = chromium();
        Path html = folder.resolve("report.html");
        ReportWriter.write(report, html);
        return chromium.open(html, folder);
    }

    private static Chromium chromium() {
        Either<String, Chromium> found = Chromium.find();
        assumeTrue(found.isRight(), found.isLeft() ? found.getLeft() : "");
        return found.get();
    }

    private Path resource(String name) throws IOException {
        Path file = work.resolve(name);
        try (InputStream in = ReportInBrowserIT.class.getResourceAsStream("/report/" + name)) {
            assertThat(in).as("test resource report/" + name).isNotNull();
            Files.copy(in, file);
        }
        return file;
    }

    /** {@return each chart container's id and its rendered content, up to the next chart or the end of the page} */
    private static Map<String, String> charts(String dom) {
        Map<String, String> charts = new LinkedHashMap<>();
        Matcher matcher = CHART.matcher(dom);
        String id = null;
        int start = -1;
        while (matcher.find()) {
            if (id != null) {
                charts.put(id, dom.substring(start, matcher.start()));
            }
            id = matcher.group(1);
            start = matcher.start();
        }
        if (id != null) {
            int end = dom.indexOf("<footer", start);
            charts.put(id, dom.substring(start, end < 0 ? dom.length() : end));
        }
        return charts;
    }

    private static int paths(String svg) {
        return svg.split("<path", -1).length - 1;
    }

    /** {@return the number of line segments in the longest SVG path} */
    private static int longestPath(String svg) {
        Matcher matcher = PATH_D.matcher(svg);
        int longest = 0;
        while (matcher.find()) {
            longest = Math.max(longest, matcher.group(1).split("L", -1).length - 1);
        }
        return longest;
    }

    private static void assertNotBlank(BufferedImage screenshot) {
        Screenshot stats = Screenshot.of(screenshot);
        assertThat(stats.drawn()).as("screenshot " + stats).isTrue();
    }

    /** Colour statistics of a screenshot: how many colours, and how much differs from the background. */
    record Screenshot(int colours, double foreground) {

        static Screenshot of(BufferedImage image) {
            Map<Integer, Integer> histogram = new HashMap<>();
            for (int y = 0; y < image.getHeight(); y++) {
                for (int x = 0; x < image.getWidth(); x++) {
                    histogram.merge(image.getRGB(x, y) & 0xFFFFFF, 1, Integer::sum);
                }
            }
            int background = histogram.values().stream().max(Integer::compare).orElse(0);
            double pixels = (double) image.getWidth() * image.getHeight();
            return new Screenshot(histogram.size(), (pixels - background) / pixels);
        }

        /** Text, axes and coloured series: many colours (anti-aliasing) over a good share of the page. */
        boolean drawn() {
            return colours >= 64 && foreground >= 0.05;
        }
    }
}
