package dev.solvent.properties.arbitrary;

import dev.solvent.model.MarginEngine;
import dev.solvent.model.config.ProtocolConfig;
import dev.solvent.model.id.AccountId;
import dev.solvent.model.id.AssetId;
import dev.solvent.model.math.I256;
import dev.solvent.model.math.U256;
import dev.solvent.model.policy.PositionReceiver;
import dev.solvent.model.state.ProtocolState;
import dev.solvent.model.tx.BlockContext;
import dev.solvent.model.tx.OracleAnswer;
import dev.solvent.model.tx.Receipt;
import dev.solvent.model.tx.Revert;
import dev.solvent.model.tx.Tx;
import io.vavr.Tuple;
import io.vavr.Tuple2;
import io.vavr.collection.TreeMap;
import io.vavr.collection.Vector;
import io.vavr.control.Either;
import java.util.function.Function;

/**
 * Where a run starts: the configuration, the genesis time, the balances deposited at genesis (in this order), the
 * insurance fund, the traders and the keeper, and the first oracle answers. It is exactly what a replay state file
 * describes, so a counterexample found from a {@code CampaignSetup} replays from the same genesis with {@code solvent replay}.
 *
 * {@snippet :
 * CampaignSetup setup = CampaignSetup.standard(config); // four traders with 10,000 USDC each, a keeper, ETH at 3000, BTC at 60000
 * ProtocolState genesis = setup.genesis();
 * }
 *
 * @param config the protocol's configuration
 * @param genesisTime the genesis timestamp, in seconds (the genesis block is block 0)
 * @param balances the initial balances, deposited in this order in the genesis block
 * @param insuranceFund the initial insurance fund, settlement base units (zero for none)
 * @param traders the accounts that trade, borrow and open isolated positions
 * @param keeper the account that sends liquidations
 * @param prices the first oracle answer of every price key, published at genesis
 */
public record CampaignSetup(
        ProtocolConfig config,
        long genesisTime,
        Vector<Balance> balances,
        U256 insuranceFund,
        Vector<AccountId> traders,
        AccountId keeper,
        TreeMap<String, OracleAnswer> prices) {

    /** The genesis time of the standard setups: 14 November 2023. */
    public static final long T0 = 1_700_000_000L;

    /** The sender of the genesis insurance funding, as a replay names it. */
    public static final AccountId GENESIS = AccountId.of("genesis");

    /**
     * One initial balance.
     *
     * @param account the account
     * @param asset the asset
     * @param amount base units, positive
     */
    public record Balance(AccountId account, AssetId asset, U256 amount) {}

    /** Requires every field and at least two traders. */
    public CampaignSetup {
        if (config == null
                || balances == null
                || insuranceFund == null
                || traders == null
                || keeper == null
                || prices == null) {
            throw new IllegalArgumentException("a setup needs every field");
        }
        if (traders.size() < 2) {
            throw new IllegalArgumentException("a setup needs at least two traders, to trade with each other");
        }
    }

    /**
     * {@return the standard setup of a configuration of the {@link Standard} universe: four traders with 10,000 USDC,
     * 1 WETH and 0.02 WBTC each, a keeper with 200,000 USDC, a backstop with 1,000,000 USDC when the configuration
     * has one, an insurance fund of 1,000 USDC, ETH at 3,000 and BTC at 60,000}
     */
    public static CampaignSetup standard(ProtocolConfig config) {
        Vector<Balance> balances = Vector.empty();
        for (AccountId t : Standard.TRADERS) {
            balances = balances.append(new Balance(t, Standard.USDC, usdc(10_000)))
                    .append(new Balance(t, Standard.WETH, U256.of(1_000_000_000_000_000_000L)))
                    .append(new Balance(t, Standard.WBTC, U256.of(2_000_000)));
        }
        return standard(config, balances, usdc(1_000));
    }

    /** {@return the standard setup with other trader balances and fund} */
    static CampaignSetup standard(ProtocolConfig config, Vector<Balance> traderBalances, U256 fund) {
        Vector<Balance> balances = traderBalances.append(new Balance(Standard.KEEPER, Standard.USDC, usdc(200_000)));
        if (config.receiver() instanceof PositionReceiver.Backstop b) {
            balances = balances.append(new Balance(b.account(), Standard.USDC, usdc(1_000_000)));
        }
        TreeMap<String, OracleAnswer> prices = TreeMap.of(
                Standard.ETH_USD, new OracleAnswer(I256.of(3_000_00000000L), 8, T0),
                Standard.BTC_USD, new OracleAnswer(I256.of(60_000_00000000L), 8, T0));
        return new CampaignSetup(config, T0, balances, fund, Standard.TRADERS, Standard.KEEPER, prices);
    }

    /** {@return {@code n} whole USDC in base units} */
    public static U256 usdc(long n) {
        return U256.of(n * 1_000_000L);
    }

    /** {@return the genesis block's context sent by {@code sender}: no oracle answers, as a replay's genesis} */
    public BlockContext genesisBlock(AccountId sender) {
        return new BlockContext(0, genesisTime, sender, TreeMap.empty());
    }

    /** {@return the genesis transactions with their senders: each balance as a deposit, then the insurance fund} */
    public Vector<Tuple2<AccountId, Tx>> genesisTransactions() {
        Vector<Tuple2<AccountId, Tx>> out =
                balances.map(b -> Tuple.of(b.account(), (Tx) new Tx.Deposit(b.account(), b.asset(), b.amount())));
        if (!insuranceFund.isZero()) {
            out = out.append(Tuple.of(GENESIS, new Tx.FundInsurance(insuranceFund)));
        }
        return out;
    }

    /** {@return the state after the genesis transactions, as {@code solvent replay} builds it} */
    public ProtocolState genesis() {
        ProtocolState s = ProtocolState.genesis(config, genesisTime);
        for (Tuple2<AccountId, Tx> t : genesisTransactions()) {
            Either<Revert, Receipt> r = MarginEngine.execute(s, t._2, genesisBlock(t._1));
            if (r.isLeft()) {
                throw new IllegalArgumentException(
                        "the genesis " + t._2 + " reverted: " + r.getLeft().message());
            }
            s = r.get().state();
        }
        return s;
    }

    /** {@return a copy with the balances and fund changed} */
    public CampaignSetup with(Function<Vector<Balance>, Vector<Balance>> change, U256 fund) {
        return new CampaignSetup(config, genesisTime, change.apply(balances), fund, traders, keeper, prices);
    }

    /** {@return a copy under another configuration, with the same balances, accounts and prices} */
    public CampaignSetup withConfig(ProtocolConfig other) {
        return new CampaignSetup(other, genesisTime, balances, insuranceFund, traders, keeper, prices);
    }
}
