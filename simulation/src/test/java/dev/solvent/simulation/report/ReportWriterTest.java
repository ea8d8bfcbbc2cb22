package dev.solvent.simulation.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TimeZone;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ReportWriterTest {

    private static final String DATA_OPEN = "<script type=\"application/json\" id=\"report-data\">";
    private static final String HOSTILE = "</script><script>alert(\"x\")</script><!-- & 'q'";
    private static final Pattern TAG =
            Pattern.compile("<(script|link|img|iframe|object|embed|source)\\b[^>]*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern CHART = Pattern.compile("<div class=\"chart\" id=\"([^\"]+)\"");

    @TempDir
    Path folder;

    @Test
    void aRunReportReferencesNothingOutsideItself() throws IOException {
        String html = ReportWriter.render(ReportFixtures.crash());

        List<String> tags = tags(html);
        assertThat(tags)
                .hasSize(3)
                .allSatisfy(tag -> assertThat(tag)
                        .startsWith("<script")
                        .doesNotContain("src=")
                        .doesNotContain("href="));
        assertThat(html).contains(echarts());
        String ours = html.replace(echarts(), "");
        assertThat(ours)
                .doesNotContain("http://")
                .doesNotContain("https://")
                .doesNotContain("@import")
                .doesNotContain("url(");
    }

    @Test
    void aSweepReportReferencesNothingOutsideItself() throws IOException {
        String html = ReportWriter.render(ReportFixtures.sweep());

        assertThat(tags(html)).hasSize(3).allSatisfy(tag -> assertThat(tag).doesNotContain("src="));
        assertThat(html.replace(echarts(), "")).doesNotContain("http://").doesNotContain("https://");
    }

    @Test
    void theInlinedEchartsKeepsItsApacheLicenceHeader() {
        // ECharts is Apache-2.0: a report.html redistributes it, so its licence header must travel with it
        String html = ReportWriter.render(ReportFixtures.crash());
        assertThat(html)
                .contains("Licensed to the Apache Software Foundation (ASF)")
                .contains("http://www.apache.org/licenses/LICENSE-2.0");
    }

    @Test
    void textFromTheModelCannotCloseTheScriptOrInjectMarkup() {
        RunReport hostile = new RunReport(
                HOSTILE,
                HOSTILE,
                1,
                List.of(new SummaryRow(HOSTILE, HOSTILE)),
                ReportFixtures.timeline(2),
                List.of(new MarketSeries(HOSTILE, List.of(1.0, 2.0), List.of(1.0, 2.0))),
                ReportFixtures.constant(2, 1.0),
                new HealthDistribution(List.of(HOSTILE), List.of(List.of(1), List.of(2))));

        String html = ReportWriter.render(hostile);

        // exactly our three script elements open and close; the model's text adds none and no comment
        assertThat(count(html.toLowerCase(Locale.ROOT), "<script")).isEqualTo(3);
        assertThat(count(html.toLowerCase(Locale.ROOT), "</script")).isEqualTo(3);
        assertThat(html).doesNotContain("<!--").doesNotContain("<script>alert");
        assertThat(html)
                .contains(
                        "<h1>&lt;/script&gt;&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;!-- &amp; &#39;q&#39;"
                                + "</h1>");
        assertThat(html).contains("<h3>&lt;/script&gt;");
        // and the data still carries the text exactly, for the charts' legends and tooltips
        JsonNode data = data(html);
        assertThat(data.get("markets").get(0).get("name").asString()).isEqualTo(HOSTILE);
        assertThat(data.get("healthBuckets").get(0).asString()).isEqualTo(HOSTILE);
    }

    @Test
    void theSameReportGivesTheSameBytesWhateverTheLocaleAndTimeZone() {
        byte[] first = ReportWriter.render(ReportFixtures.crash()).getBytes(StandardCharsets.UTF_8);
        Locale locale = Locale.getDefault();
        TimeZone zone = TimeZone.getDefault();
        byte[] second;
        try {
            Locale.setDefault(Locale.GERMANY);
            TimeZone.setDefault(TimeZone.getTimeZone("Asia/Tokyo"));
            // a report built again from scratch, not the same instance
            second = ReportWriter.render(ReportFixtures.crash()).getBytes(StandardCharsets.UTF_8);
        } finally {
            Locale.setDefault(locale);
            TimeZone.setDefault(zone);
        }

        assertThat(second).isEqualTo(first);
        assertThat(ReportWriter.render(ReportFixtures.sweep())).isEqualTo(ReportWriter.render(ReportFixtures.sweep()));
    }

    @Test
    void theHeaderNamesTheScenarioSeedAndTheSampledRangeInUtc() {
        String html = ReportWriter.render(ReportFixtures.crash());

        // 360 samples, 25 blocks and 300 s apart: the last is 359 * 25 = 8975 blocks and 29 h 55 min after the first
        assertThat(html)
                .contains("<title>March 2020 crash</title>")
                .contains("Scenario <b>default</b> · seed <b>42</b> · blocks 9650000–9658975 · 2020-03-12 08:00 UTC"
                        + " to 2020-03-13 13:55 UTC · 360 samples");
    }

    @Test
    void theSummaryTableComesFirstWithItsRowsInOrder() {
        String html = ReportWriter.render(ReportFixtures.crash());

        int summary = html.indexOf("<table class=\"summary\">");
        assertThat(summary).isPositive().isLessThan(html.indexOf("<div class=\"chart\""));
        assertThat(html)
                .containsSubsequence(
                        "<tr><th scope=\"row\">Bad debt</th><td>",
                        "<tr><th scope=\"row\">Insurance fund drawdown</th><td>100.0%</td></tr>",
                        "<tr><th scope=\"row\">Liquidations</th>",
                        "<tr><th scope=\"row\">Accounts left underwater</th><td>0</td></tr>");
    }

    @Test
    void aRunHasOnePriceChartPerMarketAndOneChartPerProtocolSeries() {
        String html = ReportWriter.render(ReportFixtures.crash());

        assertThat(chartIds(html))
                .containsExactly(
                        "chart-price-0",
                        "chart-price-1",
                        "chart-insurance-fund",
                        "chart-liquidations",
                        "chart-health",
                        "chart-losses",
                        "chart-keepers");
    }

    @Test
    void theEmbeddedDataIsTheModelShapedForTheCharts() {
        RunReport report = ReportFixtures.singleSample();

        JsonNode data = data(ReportWriter.render(report));

        assertThat(data.get("kind").asString()).isEqualTo("run");
        assertThat(data.get("unit").asString()).isEqualTo("USDC");
        assertThat(data.get("time").get(0).asLong()).isEqualTo(ReportFixtures.FIRST_TIMESTAMP * 1000);
        assertThat(data.get("blocks").get(0).asLong()).isEqualTo(ReportFixtures.FIRST_BLOCK);
        assertThat(data.get("markets").get(0).get("market").get(0).asDouble()).isEqualTo(195.0);
        assertThat(data.get("markets").get(0).get("oracle").get(0).asDouble()).isEqualTo(194.5);
        assertThat(data.get("liquidations").get(0).asLong()).isEqualTo(3);
        assertThat(data.get("healthBuckets").toString())
                .isEqualTo("[\"<1.0\",\"1.0-1.1\",\"1.1-1.25\",\"1.25-1.5\",\"1.5-2.0\",\">=2.0\"]");
        // one row per sample in the model, one series per bucket in the page
        assertThat(data.get("healthByBucket").toString()).isEqualTo("[[0],[1],[2],[3],[4],[5]]");
    }

    @Test
    void missingValuesAreNullsAndThePageHasNoNaN() {
        String html = ReportWriter.render(ReportFixtures.allZero());

        JsonNode oracle = data(html).get("markets").get(0).get("oracle");
        for (int i = 0; i < 5; i++) {
            assertThat(oracle.get(i).isNull()).as("oracle[" + i + "]").isTrue();
        }
        assertThat(oracle.get(5).asDouble()).isEqualTo(100.0);
        assertThat(dataText(html)).doesNotContain("NaN").doesNotContain("Infinity");
    }

    @Test
    void negativeZeroIsWrittenAsZero() {
        ProtocolSeries protocol = ReportFixtures.constant(1, -0.0);
        RunReport report = new RunReport(
                "t",
                "s",
                1,
                List.of(),
                ReportFixtures.timeline(1),
                List.of(),
                protocol,
                new HealthDistribution(List.of("all"), List.of(List.of(0))));

        assertThat(data(ReportWriter.render(report)).get("badDebt").toString()).isEqualTo("[0.0]");
    }

    @Test
    void anEmptyRunStillHasItsChartsAndSaysSo() {
        String html = ReportWriter.render(ReportFixtures.empty());

        assertThat(html).contains("no samples recorded").doesNotContain("<table class=\"summary\">");
        assertThat(chartIds(html)).hasSize(6);
        assertThat(data(html).get("time").size()).isZero();
    }

    @Test
    void aSweepHasTheHeatmapAndTheResultsTable() {
        String html = ReportWriter.render(ReportFixtures.sweep());

        assertThat(chartIds(html)).containsExactly("chart-heatmap");
        assertThat(html)
                .contains("<h2>bad debt P95 (USDC) by maintenance margin and insurance fund</h2>")
                .contains("<th scope=\"col\">P(fund exhausted)</th>")
                .contains("<td class=\"num\">2,400,000</td>")
                .contains("<td class=\"num\">60.0%</td>")
                .contains("<td>n/a</td>")
                .contains("<td>3 of 3 runs failed</td>");
        assertThat(count(html, "<tr><td")).isEqualTo(20);
        JsonNode heatmap = data(html).get("heatmap");
        assertThat(heatmap.get("cells").size()).isEqualTo(20);
        // cells run x fastest: (x, y) = (0, 3) is the 16th, the point whose runs all failed
        assertThat(heatmap.get("cells").get(15).toString()).isEqualTo("[0,3,null]");
        assertThat(heatmap.get("cells").get(0).toString()).isEqualTo("[0,0,2400000.0]");
    }

    @Test
    void aSweepWithoutHeatmapHasNoChart() {
        SweepReport sweep = ReportFixtures.sweep();
        SweepReport oneParameter =
                new SweepReport(sweep.title(), sweep.parameters(), sweep.summary(), sweep.results(), Optional.empty());

        String html = ReportWriter.render(oneParameter);

        assertThat(chartIds(html)).isEmpty();
        assertThat(data(html).get("heatmap").isNull()).isTrue();
    }

    @Test
    void tableCellsAreEscaped() {
        SweepReport sweep = new SweepReport(
                "t",
                List.of("p"),
                List.of(),
                new ResultsTable(List.of("<p>"), List.of(List.of(HOSTILE))),
                Optional.empty());

        String html = ReportWriter.render(sweep);

        assertThat(html).contains("<th scope=\"col\">&lt;p&gt;</th>").contains("<td>&lt;/script&gt;&lt;script&gt;");
        assertThat(count(html.toLowerCase(Locale.ROOT), "</script")).isEqualTo(3);
    }

    @Test
    void writePutsTheRenderedPageInPlaceAndLeavesNothingElse() throws IOException {
        Path target = folder.resolve("out").resolve("report.html");
        Files.createDirectories(target.getParent());
        Files.writeString(target, "an older report");

        ReportWriter.write(ReportFixtures.sweep(), target);

        assertThat(Files.readString(target, StandardCharsets.UTF_8))
                .isEqualTo(ReportWriter.render(ReportFixtures.sweep()));
        try (Stream<Path> files = Files.list(target.getParent())) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void writeCreatesTheFolder() throws IOException {
        Path target = folder.resolve("a").resolve("b").resolve("report.html");

        ReportWriter.write(ReportFixtures.singleSample(), target);

        assertThat(target).isRegularFile();
    }

    private static List<String> tags(String html) {
        List<String> tags = new ArrayList<>();
        Matcher matcher = TAG.matcher(html.replace(echartsOrEmpty(), ""));
        while (matcher.find()) {
            tags.add(matcher.group());
        }
        return tags;
    }

    private static List<String> chartIds(String html) {
        List<String> ids = new ArrayList<>();
        Matcher matcher = CHART.matcher(html);
        while (matcher.find()) {
            ids.add(matcher.group(1));
        }
        return ids;
    }

    private static String dataText(String html) {
        int start = html.indexOf(DATA_OPEN);
        assertThat(start).as("the embedded data").isPositive();
        start += DATA_OPEN.length();
        return html.substring(start, html.indexOf("</script>", start));
    }

    private static JsonNode data(String html) {
        return JsonMapper.builder().build().readTree(dataText(html));
    }

    private static int count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }

    private static String echartsOrEmpty() {
        try {
            return echarts();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The library as the WebJar ships it, read independently of the writer. */
    private static String echarts() throws IOException {
        try (InputStream in = ReportWriterTest.class.getResourceAsStream(
                "/META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js")) {
            assertThat(in).as("the ECharts 5.3.1 WebJar on the test classpath").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
