package dev.solvent.properties.arbitrary;

import dev.solvent.model.id.AccountId;
import dev.solvent.model.id.AssetId;
import dev.solvent.model.id.MarketId;
import dev.solvent.model.math.I256;
import dev.solvent.model.state.Account;
import dev.solvent.model.state.IsolatedPosition;
import dev.solvent.model.state.Position;
import io.vavr.collection.Vector;
import java.math.BigInteger;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.arbitraries.ArbitraryDecorator;

/**
 * Accounts as values, not reached through transactions: multi-asset collateral (balances that may be negative for
 * borrowable assets), cross positions and isolated positions, for testing views and margin arithmetic directly. Amounts
 * have edge cases at one base unit, {@code 2^64}, {@code 2^104} and {@code 2^128}; zero balances and flat cross
 * positions are left out, as the model stores none.
 *
 * {@snippet :
 * Arbitrary<Account> accounts = SolventArbitraries.accounts()
 *         .withCollateral(Standard.USDC, Standard.WETH)
 *         .withPositions(Standard.ETH_PERP)
 *         .withIsolated(Standard.BTC_PERP);
 * }
 */
public final class AccountArbitrary extends ArbitraryDecorator<Account> {

    private final Vector<AssetId> collateral;
    private final Vector<AssetId> borrowable;
    private final Vector<MarketId> positions;
    private final Vector<MarketId> isolated;

    AccountArbitrary(
            Vector<AssetId> collateral,
            Vector<AssetId> borrowable,
            Vector<MarketId> positions,
            Vector<MarketId> isolated) {
        this.collateral = collateral;
        this.borrowable = borrowable;
        this.positions = positions;
        this.isolated = isolated;
    }

    /** {@return the same arbitrary holding (or not) each of these assets} */
    public AccountArbitrary withCollateral(AssetId... assets) {
        return new AccountArbitrary(Vector.of(assets), borrowable, positions, isolated);
    }

    /** {@return the same arbitrary whose balances of these assets may also be negative (loans)} */
    public AccountArbitrary withDebts(AssetId... assets) {
        return new AccountArbitrary(collateral, Vector.of(assets), positions, isolated);
    }

    /** {@return the same arbitrary with (or without) a cross position in each of these markets} */
    public AccountArbitrary withPositions(MarketId... markets) {
        return new AccountArbitrary(collateral, borrowable, Vector.of(markets), isolated);
    }

    /** {@return the same arbitrary with (or without) an isolated position in each of these markets} */
    public AccountArbitrary withIsolated(MarketId... markets) {
        return new AccountArbitrary(collateral, borrowable, positions, Vector.of(markets));
    }

    /** {@return amounts in base units: mostly up to 10^24, with edge cases at 1, 2^64, 2^104 and 2^128} */
    public static Arbitrary<I256> amounts() {
        return Arbitraries.bigIntegers()
                .between(BigInteger.ONE, BigInteger.ONE.shiftLeft(128))
                .withDistribution(net.jqwik.api.RandomDistribution.biased())
                .edgeCases(e -> e.add(
                        BigInteger.ONE,
                        BigInteger.ONE.shiftLeft(64),
                        BigInteger.ONE.shiftLeft(104),
                        BigInteger.ONE.shiftLeft(128)))
                .map(I256::of);
    }

    private static Arbitrary<I256> signed() {
        return Combinators.combine(amounts(), Arbitraries.of(true, false)).as((a, neg) -> neg ? a.negate() : a);
    }

    @Override
    protected Arbitrary<Account> arbitrary() {
        Arbitrary<List<I256>> balances = amounts().injectNull(0.3).list().ofSize(collateral.size());
        Arbitrary<List<I256>> debts = signed().injectNull(0.5).list().ofSize(borrowable.size());
        Arbitrary<List<Position>> cross = Combinators.combine(signed(), signed())
                .as((s, q) -> new Position(s, q, I256.ZERO))
                .injectNull(0.3)
                .list()
                .ofSize(positions.size());
        Arbitrary<List<IsolatedPosition>> buckets = Combinators.combine(signed(), signed(), amounts())
                .as((s, q, m) -> new IsolatedPosition(new Position(s, q, I256.ZERO), m))
                .injectNull(0.5)
                .list()
                .ofSize(isolated.size());
        Arbitrary<Integer> id = Arbitraries.integers().between(1, 99);
        return Combinators.combine(id, balances, debts, cross, buckets).as((n, b, d, c, iso) -> {
            Account a = Account.empty(AccountId.of("acct-" + n));
            for (int i = 0; i < collateral.size(); i++) {
                if (b.get(i) != null) {
                    a = a.withBalance(collateral.get(i), b.get(i));
                }
            }
            for (int i = 0; i < borrowable.size(); i++) {
                if (d.get(i) != null) {
                    a = a.withBalance(borrowable.get(i), d.get(i));
                }
            }
            for (int i = 0; i < positions.size(); i++) {
                if (c.get(i) != null) {
                    a = a.withPosition(positions.get(i), c.get(i));
                }
            }
            for (int i = 0; i < isolated.size(); i++) {
                if (iso.get(i) != null) {
                    a = a.withIsolated(isolated.get(i), iso.get(i));
                }
            }
            return a;
        });
    }
}
