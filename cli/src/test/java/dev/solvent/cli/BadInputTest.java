package dev.solvent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input files: each problem is reported with its file, line, field path and what would be valid; the exit code is
 * 2; there is no stack trace; and nothing is written.
 */
class BadInputTest {

    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    private Path exampleState() throws IOException {
        return write("state.json", Files.readString(Cli.EXAMPLE_STATE));
    }

    /** A transaction file with one entry whose {@code tx} object is on line 4. */
    private Path oneTx(String tx) throws IOException {
        return write("txs.json", """
                [
                  {
                    "block": { "number": 1, "timestamp": 1700000012, "sender": "alice" },
                    "tx": %s
                  }
                ]
                """.formatted(tx));
    }

    /** Runs a replay with {@code --out} and checks what every bad input must do. */
    private String replayFails(Path state, Path txs) {
        Path out = dir.resolve("out.json");
        Cli.Run run = Cli.run("replay", "--out", out.toString(), state.toString(), txs.toString());
        assertThat(run.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(run.err()).contains("nothing was replayed");
        assertThat(Files.exists(out)).as("no output file on bad input").isFalse();
        return run.err();
    }

    @Test
    void reportsMalformedJsonWithItsLine() throws IOException {
        Path txs = write("txs.json", """
                [
                  { "block": { "number": 1,
                    "timestamp": 1700000012, }
                ]
                """);

        String err = replayFails(exampleState(), txs);

        assertThat(err).contains(txs + ": line 3: malformed JSON: Unexpected character ('}'");
    }

    @Test
    void reportsDuplicateKeysAsMalformed() throws IOException {
        Path txs = oneTx("""
                { "type": "Liquidate", "account": "bob", "account": "carol" }""");

        String err = replayFails(exampleState(), txs);

        assertThat(err).contains(txs + ": line 4: malformed JSON: Duplicate Object property \"account\"");
    }

    @Test
    void reportsAMissingFileByName() throws IOException {
        Path missing = dir.resolve("nope.json");

        String err = replayFails(exampleState(), missing);

        assertThat(err).contains(missing + ": file not found");
    }

    @Test
    void reportsAnEmptyFile() throws IOException {
        Path txs = write("txs.json", "");

        String err = replayFails(exampleState(), txs);

        assertThat(err).contains(txs + ": is empty");
    }

    @Test
    void reportsAMissingRequiredFieldWithWhatWouldBeValid() throws IOException {
        Path txs = oneTx("""
                { "type": "Withdraw", "account": "alice", "asset": "USDC" }""");

        String err = replayFails(exampleState(), txs);

        assertThat(err)
                .contains(txs + ": line 4: [0].tx.amount: is missing; valid: a positive integer in base units of USDC");
    }

    @Test
    void reportsAMissingConfigurationField() throws IOException {
        String text = Files.readString(Cli.EXAMPLE_STATE)
                .replace("  \"shortfall\": { \"type\": \"InsuranceThenSocialize\" },\n", "");
        Path state = write("state.json", text);

        String err = replayFails(state, Cli.EXAMPLE_TXS);

        // a missing field is reported at the line of the object that should hold it
        assertThat(err)
                .contains(state + ": line 1: shortfall: is missing; valid: {\"type\": \"InsuranceThenSocialize\"}");
    }

    @Test
    void listsTheValidTypesOfAnUnknownTransactionType() throws IOException {
        Path txs = oneTx("""
                { "type": "Teleport", "account": "alice" }""");

        String err = replayFails(exampleState(), txs);

        assertThat(err)
                .contains(txs + ": line 4: [0].tx.type: \"Teleport\" is not a transaction type; valid: one of Deposit,"
                        + " Withdraw, Borrow, Repay, FundInsurance, Trade, OpenIsolated, ModifyIsolated,"
                        + " CloseIsolated, AddIsolatedMargin, RemoveIsolatedMargin, SettleFunding, Liquidate,"
                        + " LiquidateIsolated");
    }

    @Test
    void reportsAnUnknownFieldWithTheValidOnes() throws IOException {
        Path txs = oneTx("""
                { "type": "Deposit", "account": "alice", "asset": "USDC", "ammount": "5" }""");

        String err = replayFails(exampleState(), txs);

        assertThat(err)
                .contains(txs + ": line 4: [0].tx.ammount: is not a known field; valid fields here: type, account,"
                        + " asset, amount")
                .contains(txs + ": line 4: [0].tx.amount: is missing");
    }

    @Test
    void reportsAnUnknownAssetAndAnUnknownMarket() throws IOException {
        Path txs = write("txs.json", """
                [
                  {
                    "block": { "number": 1, "timestamp": 1700000012, "sender": "alice" },
                    "tx": { "type": "Deposit", "account": "alice", "asset": "DOGE", "amount": "5" }
                  },
                  {
                    "block": { "number": 1, "timestamp": 1700000012, "sender": "alice" },
                    "tx": { "type": "Liquidate", "account": "alice" }
                  },
                  {
                    "block": { "number": 1, "timestamp": 1700000012, "sender": "alice" },
                    "tx": { "type": "LiquidateIsolated", "account": "bob", "market": "SOL-PERP" }
                  }
                ]
                """);

        String err = replayFails(exampleState(), txs);

        assertThat(err)
                .contains(txs + ": line 4: [0].tx.asset: \"DOGE\" is not a configured asset; valid: one of USDC,"
                        + " WBTC, WETH")
                .contains(txs + ": line 12: [2].tx.market: \"SOL-PERP\" is not a configured market; valid: one of"
                        + " BTC-PERP, ETH-PERP")
                .contains("2 problems");
    }

    @Test
    void reportsZeroAndNegativeAmounts() throws IOException {
        Path txs = write("txs.json", """
                [
                  {
                    "block": { "number": 1, "timestamp": 1700000012, "sender": "alice" },
                    "tx": { "type": "Deposit", "account": "alice", "asset": "USDC", "amount": "0" }
                  },
                  {
                    "block": { "number": 1, "timestamp": 1700000012, "sender": "alice" },
                    "tx": { "type": "Withdraw", "account": "alice", "asset": "USDC", "amount": -5 }
                  }
                ]
                """);

        String err = replayFails(exampleState(), txs);

        assertThat(err)
                .contains(txs + ": line 4: [0].tx.amount: \"0\" is zero; valid: a positive integer in base units of"
                        + " USDC (6 decimals)")
                .contains(txs + ": line 8: [1].tx.amount: -5 is negative; valid: a positive integer");
    }

    @Test
    void reportsANonIntegerAmountWithItsBaseUnits() throws IOException {
        Path txs = write("txs.json", """
                [
                  {
                    "block": { "number": 1, "timestamp": 1700000012, "sender": "bob" },
                    "tx": { "type": "Deposit", "account": "bob", "asset": "WETH", "amount": "1.5" }
                  },
                  {
                    "block": { "number": 1, "timestamp": 1700000012, "sender": "bob" },
                    "tx": { "type": "Trade", "market": "ETH-PERP", "taker": "bob", "maker": "alice",
                            "size": 0.25, "price": "3000_00000000" }
                  }
                ]
                """);

        String err = replayFails(exampleState(), txs);

        assertThat(err)
                .contains(txs + ": line 4: [0].tx.amount: \"1.5\" is not an integer; valid: a positive integer in"
                        + " base units of WETH (18 decimals), such as \"1000000\"; 1.5 WETH is"
                        + " \"1500000000000000000\" in base units")
                .contains(txs + ": line 9: [1].tx.size: 0.25 is not an integer; valid: a non-zero integer in base"
                        + " units of the underlying WETH (18 decimals), positive to buy and negative to sell; 0.25 WETH"
                        + " is \"250000000000000000\" in base units");
    }

    @Test
    void reportsTheModelsParameterChecksWithFileLineAndField() throws IOException {
        String text = Files.readString(Cli.EXAMPLE_STATE)
                .replaceFirst("\"maintenanceMargin\": \"0.05\"", "\"maintenanceMargin\": \"0.2\"");
        Path state = write("state.json", text);
        int line = lineOf(text, "\"maintenanceMargin\": \"0.2\"");

        String err = replayFails(state, Cli.EXAMPLE_TXS);

        assertThat(err)
                .contains(state + ": line " + line + ": markets.ETH-PERP.maintenanceMargin: 0.2 is out of range;"
                        + " valid: 0 < maintenanceMargin < initialMargin (0.1) <= 1");
    }

    @Test
    void reportsEveryBadFieldOfBothFilesAtOnce() throws IOException {
        String text = Files.readString(Cli.EXAMPLE_STATE)
                .replace("\"takerFee\": \"0.0005\"", "\"takerFee\": \"0.5\"")
                .replace("\"collateralWeight\": \"0.8\"", "\"collateralWeight\": \"1.25\"")
                .replace("\"insuranceFund\": \"2000_000000\"", "\"insuranceFund\": \"-1\"");
        Path state = write("state.json", text);
        Path txs = oneTx("""
                { "type": "Teleport" }""");

        String err = replayFails(state, txs);

        assertThat(err)
                .contains(state + ": line " + lineOf(text, "\"collateralWeight\": \"1.25\"")
                        + ": assets.WETH.collateralWeight: 1.25 is out of range; valid: 0 <= collateralWeight <= 1")
                .contains(state + ": line " + lineOf(text, "\"takerFee\": \"0.5\"")
                        + ": markets.ETH-PERP.takerFee: 0.5 is out of range; valid: 0 <= takerFee <= 0.1")
                .contains(state + ": line " + lineOf(text, "\"insuranceFund\"") + ": insuranceFund: \"-1\" is negative")
                .contains(txs + ": line 4: [0].tx.type: \"Teleport\" is not a transaction type")
                .contains("5 problems");
        // the state file's problems come first, each file's in the order of its lines
        assertThat(err.indexOf("collateralWeight")).isLessThan(err.indexOf("takerFee"));
        assertThat(err.indexOf("insuranceFund")).isLessThan(err.indexOf("Teleport"));
    }

    @Test
    void reportsBlocksThatGoBackInTime() throws IOException {
        Path txs = write("txs.json", """
                [
                  {
                    "block": { "number": 2, "timestamp": 1700000024, "sender": "alice" },
                    "tx": { "type": "Liquidate", "account": "bob" }
                  },
                  {
                    "block": { "number": 2, "timestamp": 1700000012, "sender": "alice" },
                    "tx": { "type": "Liquidate", "account": "bob" }
                  }
                ]
                """);

        String err = replayFails(exampleState(), txs);

        assertThat(err)
                .contains(txs + ": line 7: [1].block.timestamp: 1700000012 is before the previous entry's 1700000024;"
                        + " valid: >= 1700000024");
    }

    @Test
    void reportsAPriceKeyNoAssetUses() throws IOException {
        Path txs = write("txs.json", """
                [
                  {
                    "block": { "number": 1, "timestamp": 1700000012, "sender": "alice",
                               "prices": { "ETH/UDS": { "answer": "3000_00000000", "decimals": 8 } } },
                    "tx": { "type": "Liquidate", "account": "bob" }
                  }
                ]
                """);

        String err = replayFails(exampleState(), txs);

        assertThat(err)
                .contains(txs + ": line 4: [0].block.prices.ETH/UDS: \"ETH/UDS\" is not the price key of any asset;"
                        + " valid: one of BTC/USD, ETH/USD");
    }

    @Test
    void reportsAGenesisDepositThatReverts() throws IOException {
        // 2^255 fits the uint256 amount of a Deposit but not the int256 balance it becomes: the model panics (0x11)
        String text = Files.readString(Cli.EXAMPLE_STATE)
                .replace(
                        "\"carol\": { \"USDC\": \"6500_000000\" }",
                        "\"carol\": { \"USDC\": \"57896044618658097711785492504343953926634992332820282019728792003956564819968\" }");
        Path state = write("state.json", text);

        String err = replayFails(state, Cli.EXAMPLE_TXS);

        assertThat(err)
                .contains(state + ": line " + lineOf(text, "\"carol\"")
                        + ": balances.carol.USDC: the genesis Deposit reverted: an arithmetic overflow (Panic 0x11):"
                        + " the deposit of"
                        + " 57896044618658097711785492504343953926634992332820282019728792003956564819968 USDC base"
                        + " units is more than a balance can hold");
    }

    @Test
    void printsOneProblemPerLineThenTheCount() throws IOException {
        Path txs = oneTx("""
                { "type": "Deposit", "account": " alice", "asset": "USDC", "amount": "1.5" }""");

        String err = replayFails(exampleState(), txs);

        List<String> lines = err.lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith(txs + ": line 4: [0].tx.account: ");
        assertThat(lines.get(1)).startsWith(txs + ": line 4: [0].tx.amount: ");
        assertThat(lines.get(2)).isEqualTo("solvent replay: 2 problems in the input; nothing was replayed");
    }

    private static int lineOf(String text, String needle) {
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(needle)) {
                return i + 1;
            }
        }
        throw new AssertionError(needle + " not found");
    }
}
