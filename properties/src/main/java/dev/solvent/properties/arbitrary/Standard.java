package dev.solvent.properties.arbitrary;

import dev.solvent.model.id.AccountId;
import dev.solvent.model.id.AssetId;
import dev.solvent.model.id.MarketId;
import io.vavr.collection.Vector;

/**
 * The names of the standard universe the arbitraries build protocols in: USDC (6 decimals) settles, WETH (18) and WBTC
 * (8) are collateral priced by {@code ETH/USD} and {@code BTC/USD} (8-decimal feeds), and the markets ETH-PERP and
 * BTC-PERP track them. Traders are {@code acct-1} to {@code acct-4}; {@code keeper} liquidates; {@code backstop} takes
 * over liquidated accounts when the configuration says so.
 *
 * {@snippet :
 * CampaignSetup setup = CampaignSetup.standard(config);
 * Tx tx = new Tx.Deposit(Standard.TRADERS.get(0), Standard.USDC, U256.of(1_000_000)); // acct-1 deposits 1 USDC
 * }
 */
public final class Standard {

    /** The settlement asset, 6 decimals. */
    public static final AssetId USDC = AssetId.of("USDC");
    /** Wrapped ether, 18 decimals, borrowable. */
    public static final AssetId WETH = AssetId.of("WETH");
    /** Wrapped bitcoin, 8 decimals. */
    public static final AssetId WBTC = AssetId.of("WBTC");
    /** The perpetual on WETH. */
    public static final MarketId ETH_PERP = MarketId.of("ETH-PERP");
    /** The perpetual on WBTC. */
    public static final MarketId BTC_PERP = MarketId.of("BTC-PERP");
    /** The price key of WETH. */
    public static final String ETH_USD = "ETH/USD";
    /** The price key of WBTC. */
    public static final String BTC_USD = "BTC/USD";
    /** The traders. */
    public static final Vector<AccountId> TRADERS =
            Vector.of(AccountId.of("acct-1"), AccountId.of("acct-2"), AccountId.of("acct-3"), AccountId.of("acct-4"));
    /** The keeper that sends liquidations. */
    public static final AccountId KEEPER = AccountId.of("keeper");
    /** The backstop account of configurations with a backstop receiver. */
    public static final AccountId BACKSTOP = AccountId.of("backstop");
    /** Both markets. */
    public static final Vector<MarketId> MARKETS = Vector.of(ETH_PERP, BTC_PERP);

    private Standard() {}
}
