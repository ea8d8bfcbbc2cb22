package dev.solvent.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The protocol state the keeper tests evaluate, as the state and transaction files a user would write: USDC (6
 * decimals, settlement) and WETH (18, {@code ETH/USD}, weight 0.8); ETH-PERP (imr 10%, mmr 5%, penalty 2%, no
 * funding); keeper reward 5 USDC + 20% of the penalty; positions go to a backstop account. Bob (1,000,000 USDC) makes
 * two fills at 2,000: Alice (1,000 USDC) buys 1 ETH and Carol (10,000 USDC) buys 10 ETH, so both are liquidatable below
 * 1,052.63. At 1,050 Alice's liquidation pays 5 + 20% of 21 = 9.2 USDC and Carol's 5 + 20% of 210 = 47 USDC; each
 * uses 200,000 + 60,000 gas.
 */
final class KeeperFiles {

    static final String STATE = """
            {
              "note": "the keeper tests' protocol",
              "timestamp": 1700000000,
              "settlementAsset": "USDC",
              "assets": {
                "USDC": { "decimals": 6, "collateralWeight": "1" },
                "WETH": { "decimals": 18, "priceKey": "ETH/USD", "collateralWeight": "0.8" }
              },
              "markets": {
                "ETH-PERP": {
                  "underlying": "WETH",
                  "initialMargin": "0.1",
                  "maintenanceMargin": "0.05",
                  "liquidationPenalty": "0.02",
                  "maxOpenInterest": "1000000_000000000000000000",
                  "priceBand": "0.05"
                }
              },
              "keeperReward": { "flat": "5_000000", "shareOfPenalty": "0.2" },
              "receiver": { "type": "Backstop", "account": "backstop" },
              "shortfall": { "type": "InsuranceThenSocialize" },
              "balances": {
                "bob": { "USDC": "1000000_000000" },
                "alice": { "USDC": "1000_000000" },
                "carol": { "USDC": "10000_000000" }
              }
            }
            """;

    static final String TXS = """
            [
              {
                "note": "alice buys 1 ETH-PERP from bob at 2000",
                "block": {
                  "number": 1,
                  "timestamp": 1700000012,
                  "sender": "alice",
                  "prices": { "ETH/USD": { "answer": "2000_00000000", "decimals": 8 } }
                },
                "tx": { "type": "Trade", "market": "ETH-PERP", "taker": "alice", "maker": "bob",
                        "size": "1_000000000000000000", "price": "2000_00000000" }
              },
              {
                "note": "carol buys 10 ETH-PERP from bob at 2000",
                "block": { "number": 1, "timestamp": 1700000012, "sender": "carol" },
                "tx": { "type": "Trade", "market": "ETH-PERP", "taker": "carol", "maker": "bob",
                        "size": "10_000000000000000000", "price": "2000_00000000" }
              }
            ]
            """;

    /** The calldata of {@code liquidate("carol")}: selector, offset 32, length 5, "carol" padded to a word. */
    static final String LIQUIDATE_CAROL = "0x4f54178a"
            + "0000000000000000000000000000000000000000000000000000000000000020"
            + "0000000000000000000000000000000000000000000000000000000000000005"
            + "6361726f6c000000000000000000000000000000000000000000000000000000";

    /** The calldata of {@code liquidate("alice")}. */
    static final String LIQUIDATE_ALICE = "0x4f54178a"
            + "0000000000000000000000000000000000000000000000000000000000000020"
            + "0000000000000000000000000000000000000000000000000000000000000005"
            + "616c696365000000000000000000000000000000000000000000000000000000";

    private KeeperFiles() {}

    /** Both files written into {@code dir}. */
    record Written(Path state, Path txs) {}

    static Written write(Path dir) throws IOException {
        return new Written(
                Files.writeString(dir.resolve("state.json"), STATE), Files.writeString(dir.resolve("txs.json"), TXS));
    }
}
