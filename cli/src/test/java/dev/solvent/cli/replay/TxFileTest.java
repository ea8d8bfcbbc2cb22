package dev.solvent.cli.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.solvent.model.id.AccountId;
import dev.solvent.model.id.AssetId;
import dev.solvent.model.id.MarketId;
import dev.solvent.model.math.I256;
import dev.solvent.model.math.U256;
import dev.solvent.model.tx.OracleAnswer;
import dev.solvent.model.tx.Tx;
import io.vavr.collection.Vector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TxFileTest {

    private static final Path STATE = Path.of("..", "examples", "replay", "state.json");
    private static final AccountId ALICE = AccountId.of("alice");
    private static final AccountId BOB = AccountId.of("bob");
    private static final MarketId ETH_PERP = MarketId.of("ETH-PERP");
    private static final AssetId USDC = AssetId.of("USDC");

    @TempDir
    Path dir;

    private Vector<Entry> load(String txs) throws IOException {
        Path file = Files.writeString(dir.resolve("txs.json"), txs);
        return Replay.load(STATE, file).get().entries();
    }

    @Test
    void decodesEveryTransactionType() throws IOException {
        String block = "\"block\": {\"number\": 1, \"timestamp\": 1700000012, \"sender\": \"alice\"}";
        Vector<String> txs = Vector.of(
                "{\"type\": \"Deposit\", \"account\": \"alice\", \"asset\": \"USDC\", \"amount\": \"1\"}",
                "{\"type\": \"Withdraw\", \"account\": \"alice\", \"asset\": \"USDC\", \"amount\": 2}",
                "{\"type\": \"Borrow\", \"account\": \"alice\", \"asset\": \"USDC\", \"amount\": \"3\"}",
                "{\"type\": \"Repay\", \"account\": \"alice\", \"asset\": \"USDC\", \"amount\": \"4\"}",
                "{\"type\": \"FundInsurance\", \"amount\": \"5\"}",
                "{\"type\": \"Trade\", \"market\": \"ETH-PERP\", \"taker\": \"alice\", \"maker\": \"bob\","
                        + " \"size\": \"-6\", \"price\": \"7\"}",
                "{\"type\": \"OpenIsolated\", \"account\": \"alice\", \"market\": \"ETH-PERP\", \"maker\": \"bob\","
                        + " \"size\": \"8\", \"price\": \"9\", \"margin\": \"10\"}",
                "{\"type\": \"ModifyIsolated\", \"account\": \"alice\", \"market\": \"ETH-PERP\", \"maker\": \"bob\","
                        + " \"sizeDelta\": \"-11\", \"price\": \"12\"}",
                "{\"type\": \"CloseIsolated\", \"account\": \"alice\", \"market\": \"ETH-PERP\", \"maker\": \"bob\","
                        + " \"price\": \"13\"}",
                "{\"type\": \"AddIsolatedMargin\", \"account\": \"alice\", \"market\": \"ETH-PERP\", \"amount\": \"14\"}",
                "{\"type\": \"RemoveIsolatedMargin\", \"account\": \"alice\", \"market\": \"ETH-PERP\","
                        + " \"amount\": \"15\"}",
                "{\"type\": \"SettleFunding\", \"account\": \"alice\"}",
                "{\"type\": \"Liquidate\", \"account\": \"bob\"}",
                "{\"type\": \"LiquidateIsolated\", \"account\": \"bob\", \"market\": \"ETH-PERP\"}");

        Vector<Entry> entries =
                load(txs.map(tx -> "{" + block + ", \"tx\": " + tx + "}").mkString("[\n", ",\n", "\n]"));

        assertThat(entries.map(Entry::tx).toJavaList())
                .containsExactly(
                        new Tx.Deposit(ALICE, USDC, U256.of(1)),
                        new Tx.Withdraw(ALICE, USDC, U256.of(2)),
                        new Tx.Borrow(ALICE, USDC, U256.of(3)),
                        new Tx.Repay(ALICE, USDC, U256.of(4)),
                        new Tx.FundInsurance(U256.of(5)),
                        new Tx.Trade(ETH_PERP, ALICE, BOB, I256.of(-6), I256.of(7)),
                        new Tx.OpenIsolated(ALICE, ETH_PERP, BOB, I256.of(8), I256.of(9), U256.of(10)),
                        new Tx.ModifyIsolated(ALICE, ETH_PERP, BOB, I256.of(-11), I256.of(12)),
                        new Tx.CloseIsolated(ALICE, ETH_PERP, BOB, I256.of(13)),
                        new Tx.AddIsolatedMargin(ALICE, ETH_PERP, U256.of(14)),
                        new Tx.RemoveIsolatedMargin(ALICE, ETH_PERP, U256.of(15)),
                        new Tx.SettleFunding(ALICE),
                        new Tx.Liquidate(BOB),
                        new Tx.LiquidateIsolated(BOB, ETH_PERP));
        assertThat(entries.map(Entry::index).toJavaList())
                .containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13);
    }

    @Test
    void carriesOracleAnswersForwardUntilAFeedPublishesAgain() throws IOException {
        Vector<Entry> entries = load("""
                [
                  { "block": { "number": 1, "timestamp": 1700000012, "sender": "alice",
                               "prices": { "ETH/USD": { "answer": "3000_00000000", "decimals": 8 },
                                           "BTC/USD": { "answer": "60000_00000000", "decimals": 8 } } },
                    "tx": { "type": "Liquidate", "account": "bob" } },
                  { "block": { "number": 2, "timestamp": 1700000024, "sender": "alice",
                               "prices": { "ETH/USD": { "answer": "2900_00000000", "decimals": 8,
                                                        "updatedAt": 1700000020 } } },
                    "tx": { "type": "Liquidate", "account": "bob" } }
                ]
                """);

        // BTC/USD keeps its first answer and its first update time; ETH/USD takes the new one
        assertThat(entries.get(1).block().prices().get("BTC/USD").get())
                .isEqualTo(new OracleAnswer(I256.of(6_000_000_000_000L), 8, 1_700_000_012));
        assertThat(entries.get(1).block().prices().get("ETH/USD").get())
                .isEqualTo(new OracleAnswer(I256.of(290_000_000_000L), 8, 1_700_000_020));
    }
}
