package dev.solvent.properties.invariant;

import dev.solvent.model.config.AssetConfig;
import dev.solvent.model.config.MarketConfig;
import dev.solvent.model.config.ProtocolConfig;
import dev.solvent.model.id.MarketId;
import dev.solvent.model.logic.FundingLogic;
import dev.solvent.model.logic.Quote;
import dev.solvent.model.math.I256;
import dev.solvent.model.state.Account;
import dev.solvent.model.state.IsolatedPosition;
import dev.solvent.model.state.Position;
import dev.solvent.model.state.ProtocolState;
import dev.solvent.model.tx.BlockContext;
import dev.solvent.model.tx.OracleAnswer;
import io.vavr.control.Option;
import java.math.BigInteger;

/**
 * Exact values without any rounding, as fractions over one power of ten: what the model's rounded helpers approximate.
 * The invariants that speak of "never more than exactly" compare against these.
 */
final class Exact {

    /** Every exact value here is a numerator over {@code 10^SCALE}; enough for 36-decimal tokens and feeds. */
    static final int SCALE = 96;

    private static final BigInteger[] POW10 = new BigInteger[SCALE + 1];

    static {
        for (int i = 0; i <= SCALE; i++) {
            POW10[i] = BigInteger.TEN.pow(i);
        }
    }

    private Exact() {}

    static BigInteger pow10(int e) {
        return POW10[e];
    }

    /** {@return {@code numerator / 10^exponent} as a numerator over {@code 10^SCALE}} */
    static BigInteger scaled(BigInteger numerator, int exponent) {
        return exponent >= 0
                ? numerator.multiply(POW10[SCALE - exponent])
                : numerator.multiply(POW10[SCALE]).multiply(POW10[-exponent]);
    }

    /** {@return a settlement amount as a numerator over {@code 10^SCALE}} */
    static BigInteger units(I256 amount) {
        return amount.toBigInteger().multiply(POW10[SCALE]);
    }

    /** {@return the exact settlement value of {@code amount} base units with {@code decimals} at {@code answer}} */
    static BigInteger value(ProtocolConfig config, I256 amount, int decimals, OracleAnswer answer) {
        int ds = config.settlement().decimals();
        return scaled(
                amount.toBigInteger().multiply(answer.answer().toBigInteger()), decimals + answer.decimals() - ds);
    }

    /** {@return the answer for an asset's price key in the block, if published} */
    static Option<OracleAnswer> answer(AssetConfig asset, BlockContext block) {
        return asset.priceKey().flatMap(k -> block.prices().get(k));
    }

    /** {@return the answer for a market's underlying in the block, if published} */
    static Option<OracleAnswer> answer(ProtocolConfig config, MarketId market, BlockContext block) {
        MarketConfig m = config.markets().get(market).get();
        return answer(config.assets().get(m.underlying()).get(), block);
    }

    /**
     * {@return the exact value of a position at the block: size at the oracle price, plus its quote, less its pending
     * funding; none if a price is missing}
     */
    static Option<BigInteger> position(ProtocolState state, MarketId market, Position p, BlockContext block) {
        ProtocolConfig config = state.config();
        MarketConfig m = config.markets().get(market).get();
        int du = config.assets().get(m.underlying()).get().decimals();
        return answer(config, market, block).map(a -> {
            Quote q = new Quote("", a.answer(), a.decimals());
            BigInteger value = value(config, p.size(), du, a);
            I256 index = a.answer().isPositive()
                    ? FundingLogic.currentIndex(state, market, q, block.timestamp())
                    : state.market(market).fundingIndex();
            BigInteger pending = scaled(
                    p.size()
                            .toBigInteger()
                            .multiply(index.minus(p.fundingIndex()).toBigInteger()),
                    du + 18);
            return value.add(units(p.quote())).subtract(pending);
        });
    }

    /** {@return the exact equity of an account (no haircuts), isolated buckets included; none if a price is missing} */
    static Option<BigInteger> claim(ProtocolState state, Account a, BlockContext block) {
        ProtocolConfig config = state.config();
        BigInteger sum = BigInteger.ZERO;
        for (var e : a.balances()) {
            AssetConfig asset = config.assets().get(e._1).get();
            if (asset.id().equals(config.settlementAsset())) {
                sum = sum.add(units(e._2));
                continue;
            }
            Option<OracleAnswer> ans = answer(asset, block);
            if (ans.isEmpty()) {
                return Option.none();
            }
            sum = sum.add(value(config, e._2, asset.decimals(), ans.get()));
        }
        for (var e : a.positions()) {
            Option<BigInteger> v = position(state, e._1, e._2, block);
            if (v.isEmpty()) {
                return Option.none();
            }
            sum = sum.add(v.get());
        }
        for (var e : a.isolated()) {
            IsolatedPosition ip = e._2;
            Option<BigInteger> v = ip.position().isFlat()
                    ? Option.some(units(ip.position().quote()))
                    : position(state, e._1, ip.position(), block);
            if (v.isEmpty()) {
                return Option.none();
            }
            sum = sum.add(v.get()).add(units(ip.margin()));
        }
        return Option.some(sum);
    }

    /**
     * {@return everything the protocol owes, exactly, at the block's prices: every account's equity plus the insurance
     * fund, the fee pool and the protocol's reserves (settlement reserves, absorbed collateral and lots in auction at
     * their exact value); none if a price is missing}
     */
    static Option<BigInteger> liabilities(ProtocolState state, BlockContext block) {
        ProtocolConfig config = state.config();
        BigInteger sum =
                units(state.insuranceFund()).add(units(state.feePool())).add(units(state.reserves()));
        // the protocol's own holdings move against the accounts' claims in absorptions and auctions
        for (var e : state.collateralReserves()) {
            AssetConfig asset = config.assets().get(e._1).get();
            Option<OracleAnswer> ans = answer(asset, block);
            if (ans.isEmpty()) {
                return Option.none();
            }
            sum = sum.add(value(config, e._2, asset.decimals(), ans.get()));
        }
        for (var auction : state.auctions().values()) {
            AssetConfig asset = config.assets().get(auction.asset()).get();
            Option<OracleAnswer> ans = answer(asset, block);
            if (ans.isEmpty()) {
                return Option.none();
            }
            sum = sum.add(value(config, auction.lot(), asset.decimals(), ans.get()));
        }
        for (Account a : state.accounts().values()) {
            Option<BigInteger> c = claim(state, a, block);
            if (c.isEmpty()) {
                return Option.none();
            }
            sum = sum.add(c.get());
        }
        return Option.some(sum);
    }

    /** {@return {@code n / d} rounded toward minus infinity; {@code d} positive} */
    static BigInteger floorDiv(BigInteger n, BigInteger d) {
        BigInteger[] qr = n.divideAndRemainder(d);
        return qr[1].signum() < 0 ? qr[0].subtract(BigInteger.ONE) : qr[0];
    }

    /** {@return {@code n / d} rounded toward plus infinity; {@code d} positive} */
    static BigInteger ceilDiv(BigInteger n, BigInteger d) {
        BigInteger[] qr = n.divideAndRemainder(d);
        return qr[1].signum() > 0 ? qr[0].add(BigInteger.ONE) : qr[0];
    }

    /** {@return {@code n / 10^e} rounded toward minus infinity, or {@code n * 10^-e} when {@code e} is negative} */
    static BigInteger floorPow10(BigInteger n, int e) {
        return e >= 0 ? floorDiv(n, POW10[e]) : n.multiply(POW10[-e]);
    }

    /** {@return {@code n / 10^e} rounded toward plus infinity, or {@code n * 10^-e} when {@code e} is negative} */
    static BigInteger ceilPow10(BigInteger n, int e) {
        return e >= 0 ? ceilDiv(n, POW10[e]) : n.multiply(POW10[-e]);
    }

    /** {@return an exact amount rounded toward zero to settlement units, for messages} */
    static I256 toUnits(BigInteger exact) {
        return I256.of(exact.divide(POW10[SCALE]));
    }
}
