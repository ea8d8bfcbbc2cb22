package dev.solvent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A state file names a liquidation policy, or a preset whose parameters it may override; bad policy input is reported
 * with file, line, field and the valid range.
 */
class PolicyFileTest {

    @TempDir
    Path dir;

    /** The example state with {@code fields} added after its shortfall line. */
    private Path state(String fields) throws IOException {
        String text = Files.readString(Cli.EXAMPLE_STATE)
                .replace(
                        "  \"shortfall\": { \"type\": \"InsuranceThenSocialize\" },\n",
                        "  \"shortfall\": { \"type\": \"InsuranceThenSocialize\" },\n" + fields);
        return Files.writeString(dir.resolve("state.json"), text);
    }

    private static int lineOf(Path file, String needle) throws IOException {
        String text = Files.readString(file);
        return (int) text.substring(0, text.indexOf(needle))
                        .chars()
                        .filter(c -> c == '\n')
                        .count()
                + 1;
    }

    private String fails(Path state) {
        Cli.Run run = Cli.run("replay", state.toString(), Cli.EXAMPLE_TXS.toString());
        assertThat(run.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).doesNotContain("Exception").contains("nothing was replayed");
        return run.err();
    }

    @Test
    void liquidatesWithAPresetsCloseFactorAndAnOverriddenBonus() throws IOException {
        Path state = state("""
                  "preset": "AAVE_STYLE",
                  "liquidation": { "bonus": "0.075", "fullCloseBelow": "0" },
                """);
        Cli.Run run = Cli.run("replay", state.toString(), Cli.EXAMPLE_TXS.toString());
        assertThat(run.err()).isEmpty();
        JsonNode out = JsonMapper.shared().readTree(run.out());
        JsonNode events = out.at("/transactions/5/receipt/events");
        JsonNode called = events.get(events.size() - 1);
        // the file's receiver (a backstop) and keeper reward still apply: explicit fields override the preset
        assertThat(called.at("/type").asString()).isEqualTo("LiquidationCalled");
        assertThat(called.at("/receiver").asString()).isEqualTo("backstop");
    }

    @Test
    void namesAnUnknownPresetAndTheValidOnes() throws IOException {
        Path state = state("  \"preset\": \"AAVE_V9\",\n");
        String err = fails(state);
        assertThat(err)
                .contains(state + ": line " + lineOf(state, "AAVE_V9") + ": preset: ")
                .contains("is not a preset; valid: one of \"AAVE_STYLE\", \"COMPOUND_STYLE\", \"MAKER_STYLE\","
                        + " \"SYNTHETIX_V3_PERPS\", \"DYDX_V4\", \"HYPERLIQUID\"")
                .doesNotContain("keeperReward: is missing");
    }

    @Test
    void saysTheOldCompoundPresetIsNowCompoundStyleAndNotComet() throws IOException {
        Path state = state("  \"preset\": \"COMPOUND_V3\",\n");
        String err = fails(state);
        assertThat(err)
                .contains("is not a preset (COMPOUND_V3 is now COMPOUND_STYLE: a Compound-style policy of Solvent's"
                        + " engine, not Comet itself; for exact Comet use the mirror")
                .contains("valid: one of \"AAVE_STYLE\", \"COMPOUND_STYLE\"");
    }

    @Test
    void saysTheOldAavePresetIsNowAaveStyleAndNotAave() throws IOException {
        Path state = state("  \"preset\": \"AAVE_V3\",\n");
        assertThat(fails(state))
                .contains("is not a preset (AAVE_V3 is now AAVE_STYLE: a close-factor policy of Solvent's engine,"
                        + " Aave-style, not Aave itself; for exact Aave v3.3 or v3.7 use the mirror");
    }

    @Test
    void saysTheOldMakerPresetIsNowMakerStyleAndNotDss() throws IOException {
        Path state = state("  \"preset\": \"MAKER_LIQ2\",\n");
        assertThat(fails(state))
                .contains("is not a preset (MAKER_LIQ2 is now MAKER_STYLE: a Maker-style policy of Solvent's engine,"
                        + " not dss itself; for exact Maker use the mirror");
    }

    @Test
    void rejectsACloseFactorAboveOneWithItsLine() throws IOException {
        Path state = state("""
                  "liquidation": {
                    "type": "CloseFactor",
                    "closeFactor": "1.5",
                    "fullCloseHealth": "0.95",
                    "fullCloseBelow": "2000_000000",
                    "bonus": "0.05",
                    "protocolShareOfBonus": "1.1"
                  },
                """);
        String err = fails(state);
        assertThat(err)
                .contains(state + ": line " + lineOf(state, "\"closeFactor\": \"1.5\"")
                        + ": liquidation.closeFactor: 1.5 is out of range; valid: 0 < closeFactor <= 1")
                .contains(state + ": line " + lineOf(state, "\"protocolShareOfBonus\": \"1.1\"")
                        + ": liquidation.protocolShareOfBonus: 1.1 is out of range;"
                        + " valid: 0 <= protocolShareOfBonus <= 1");
    }

    @Test
    void rejectsAnotherPolicysParameterAndAMissingOne() throws IOException {
        Path state = state("""
                  "liquidation": { "type": "CloseFactor", "closeFactor": "0.5", "storeFrontPriceFactor": "0.5" },
                """);
        String err = fails(state);
        assertThat(err)
                .contains(": liquidation.storeFrontPriceFactor: is not a parameter of CloseFactor; valid fields here:"
                        + " type, closeFactor, fullCloseHealth, fullCloseBelow, bonus, protocolShareOfBonus")
                .contains(": liquidation.fullCloseHealth: is missing; valid: a decimal such as \"0.05\"");
    }

    @Test
    void rejectsALiquidationFactorForAnAssetTheFileDoesNotConfigure() throws IOException {
        Path state = state("""
                  "preset": "COMPOUND_STYLE",
                  "liquidation": { "liquidationFactors": { "DOGE": "0.9" } },
                """);
        String err = fails(state);
        assertThat(err)
                .contains(state + ": line " + lineOf(state, "\"DOGE\"")
                        + ": liquidation.liquidationFactors.DOGE: is not a configured asset; valid: one of");
    }

    @Test
    void replaysUnderMakersAuctionsWithAnOverriddenBuffer() throws IOException {
        Path state = state("""
                  "preset": "MAKER_STYLE",
                  "liquidation": { "buf": "1.2", "curve": { "type": "Linear", "tau": 3600 } },
                """);
        Cli.Run run = Cli.run("replay", state.toString(), Cli.EXAMPLE_TXS.toString());
        assertThat(run.err()).isEmpty();
        assertThat(run.code()).isEqualTo(ExitCodes.OK);
    }

    @Test
    void rejectsACurveThatWouldRaiseThePriceAndABufferBelowOne() throws IOException {
        Path state = state("""
                  "preset": "MAKER_STYLE",
                  "liquidation": {
                    "buf": "0.9",
                    "curve": { "type": "Exponential", "cut": "1.01" }
                  },
                """);
        String err = fails(state);
        assertThat(err)
                .contains(state + ": line " + lineOf(state, "\"cut\": \"1.01\"")
                        + ": liquidation.curve.cut: 1.01 is out of range; valid: 0 < cut <= 1");
    }

    @Test
    void rejectsABufferBelowOneWithItsLine() throws IOException {
        Path state = state("""
                  "preset": "MAKER_STYLE",
                  "liquidation": {
                    "buf": "0.9"
                  },
                """);
        String err = fails(state);
        assertThat(err)
                .contains(state + ": line " + lineOf(state, "\"buf\": \"0.9\"")
                        + ": liquidation.buf: 0.9 is out of range; valid: buf >= 1");
    }

    @Test
    void replaysUnderHyperliquidsVaultWithATestnetThreshold() throws IOException {
        Path state = state("""
                  "preset": "HYPERLIQUID",
                  "liquidation": { "partialAbove": "10000_000000" },
                """);
        Cli.Run run = Cli.run("replay", state.toString(), Cli.EXAMPLE_TXS.toString());
        assertThat(run.err()).isEmpty();
        assertThat(run.code()).isEqualTo(ExitCodes.OK);
    }

    @Test
    void rejectsAPartialFractionOfZero() throws IOException {
        Path state = state("""
                  "liquidation": {
                    "type": "BackstopVault",
                    "vault": "hlp",
                    "backstopBelow": "0.666666666666666667",
                    "partialAbove": "100000_000000",
                    "partialFraction": "0",
                    "cooldown": 30
                  },
                """);
        String err = fails(state);
        assertThat(err)
                .contains(state + ": line " + lineOf(state, "\"partialFraction\": \"0\"")
                        + ": liquidation.partialFraction: 0 is out of range; valid: 0 < partialFraction <= 1");
    }

    @Test
    void acceptsTheSynthetixAndDydxPresets() throws IOException {
        for (String preset : new String[] {"SYNTHETIX_V3_PERPS", "DYDX_V4"}) {
            Path state = state("  \"preset\": \"" + preset + "\",\n");
            Cli.Run run = Cli.run("replay", state.toString(), Cli.EXAMPLE_TXS.toString());
            assertThat(run.err()).as(preset).isEmpty();
            assertThat(run.code()).as(preset).isZero();
        }
    }

    @Test
    void overridesTheDydxFeeCapAndRejectsOneAboveOne() throws IOException {
        Path state = state("""
                  "preset": "DYDX_V4",
                  "liquidation": { "maxLiquidationFee": "1.5" },
                """);
        assertThat(fails(state))
                .contains(state + ": line " + lineOf(state, "maxLiquidationFee") + ": liquidation.maxLiquidationFee: ")
                .contains("valid: 0 < maxLiquidationFee <= 1");
    }
}
