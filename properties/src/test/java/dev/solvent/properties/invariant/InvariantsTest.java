package dev.solvent.properties.invariant;

import static org.assertj.core.api.Assertions.assertThat;

import dev.solvent.model.MarginEngine;
import dev.solvent.model.id.AccountId;
import dev.solvent.model.math.I256;
import dev.solvent.model.math.U256;
import dev.solvent.model.math.Wad;
import dev.solvent.model.policy.PositionReceiver;
import dev.solvent.model.policy.ShortfallPolicy;
import dev.solvent.model.state.Account;
import dev.solvent.model.state.MarketState;
import dev.solvent.model.state.ProtocolState;
import dev.solvent.model.tx.BlockContext;
import dev.solvent.model.tx.Event;
import dev.solvent.model.tx.Receipt;
import dev.solvent.model.tx.Revert;
import dev.solvent.model.tx.Tx;
import dev.solvent.properties.arbitrary.CampaignSetup;
import dev.solvent.properties.arbitrary.ConfigArbitrary;
import dev.solvent.properties.arbitrary.RiskParameters;
import dev.solvent.properties.arbitrary.Standard;
import io.vavr.collection.HashSet;
import io.vavr.collection.Vector;
import io.vavr.control.Either;
import org.junit.jupiter.api.Test;

/** Known answers: each invariant names the accounts and amounts of a state or transition built to break it. */
class InvariantsTest {

    static final AccountId A1 = Standard.TRADERS.get(0);
    static final AccountId A2 = Standard.TRADERS.get(1);

    static RiskParameters params(String im, String mm) {
        return new RiskParameters(
                Wad.parse(im),
                Wad.parse(mm),
                Wad.parse("0.02"),
                Wad.parse("0.05"),
                Wad.ZERO,
                Wad.ZERO,
                Wad.ZERO,
                U256.parse("1000000000000000000000000000"),
                3600);
    }

    static CampaignSetup setup() {
        return CampaignSetup.standard(ConfigArbitrary.config(
                params("0.1", "0.05"),
                params("0.1", "0.05"),
                new ShortfallPolicy.InsuranceThenSocialize(),
                new PositionReceiver.Backstop(Standard.BACKSTOP),
                5_000_000,
                250_000,
                Wad.parse("0.8"),
                Wad.parse("0.7")));
    }

    static BlockContext block(CampaignSetup s, AccountId sender) {
        return new BlockContext(1, s.genesisTime() + 12, sender, s.prices());
    }

    @Test
    void theCatalogueHasUniqueIdsAndASpecEach() {
        assertThat(Invariants.ALL.map(Invariant::id).distinct()).hasSameSizeAs(Invariants.ALL);
        assertThat(Invariants.ALL).allSatisfy(i -> {
            assertThat(i.id()).matches("INV-[A-Z]+-\\d+");
            assertThat(i.spec()).isNotBlank();
        });
        assertThat(Invariants.STATE).contains(Invariants.CONSERVATION, Invariants.OPEN_INTEREST_BALANCED);
        assertThat(Invariants.byId("INV-SHORT-1")).contains(Invariants.SHORTFALL_ACCOUNTED);
    }

    @Test
    void theReadmesListEveryInvariantAndCountThem() throws java.io.IOException {
        // Surefire runs in the module's folder: its README holds the catalogue, the root README counts it
        String catalogue = java.nio.file.Files.readString(java.nio.file.Path.of("README.md"));
        String root = java.nio.file.Files.readString(java.nio.file.Path.of("..", "README.md"));

        assertThat(Invariants.ALL).allSatisfy(i -> assertThat(catalogue).contains("| " + i.id() + " |"));
        assertThat(root).contains("the catalogue of " + Invariants.ALL.size() + " solvency invariants");
    }

    @Test
    void aGenesisStateKeepsEveryStateInvariant() {
        ProtocolState s = setup().genesis();
        assertThat(Invariants.STATE.flatMap(i -> i.check(s))).isEmpty();
    }

    @Test
    void conservationNamesTheAssetAndTheDifference() {
        ProtocolState s = setup().genesis();
        Account a = s.account(A1).get();
        // one USDC base unit appears from nowhere
        ProtocolState broken = s.withAccount(a.plusBalance(Standard.USDC, I256.ONE));

        Vector<Violation> found = Invariants.CONSERVATION.check(broken);

        assertThat(found).hasSize(1);
        assertThat(found.head().invariant()).isEqualTo("INV-CONS-1");
        assertThat(found.head().message()).startsWith("USDC:");
        assertThat(found.head().amounts().get("difference")).contains(I256.ONE);
    }

    @Test
    void openInterestMustBalance() {
        ProtocolState s = setup().genesis();
        MarketState m = s.market(Standard.ETH_PERP);
        ProtocolState broken = s.withMarket(Standard.ETH_PERP, m.withPositionChange(I256.ZERO, I256.of(5)));

        assertThat(Invariants.OPEN_INTEREST_BALANCED.check(broken)).hasSize(1);
        assertThat(Invariants.OPEN_INTEREST_MATCHES_POSITIONS
                        .check(broken)
                        .head()
                        .amounts()
                        .get("storedLong"))
                .contains(I256.of(5));
    }

    @Test
    void aHealthyAccountThatWasLiquidatedIsNamedWithItsHealth() {
        CampaignSetup setup = setup();
        ProtocolState s = setup.genesis();
        Tx tx = new Tx.Liquidate(A1);
        BlockContext b = block(setup, Standard.KEEPER);
        // a broken engine that "liquidates" a healthy account by answering with an unchanged state
        Either<Revert, Receipt> fake = Either.right(new Receipt(s, Vector.empty(), 0));

        Vector<Violation> found = Invariants.ONLY_UNHEALTHY_LIQUIDATED.check(Transition.of(s, tx, b, fake));

        assertThat(found).hasSize(1);
        assertThat(found.head().accounts()).containsExactly(A1);
        // 10,000 USDC + 1 WETH * 3000 * 0.8 + 0.02 WBTC * 60000 * 0.7 = 10,000 + 2,400 + 840 = 13,240 USDC
        assertThat(found.head().amounts().get("marginEquity")).contains(I256.of(13_240_000_000L));
        assertThat(found.head().amounts().get("maintenanceRequirement")).contains(I256.ZERO);
    }

    @Test
    void aKeeperRewardAboveThePenaltyIsCaught() {
        CampaignSetup setup = setup();
        ProtocolState s = setup.genesis();
        Event e = new Event.AccountLiquidated(
                A1,
                Standard.KEEPER,
                Standard.BACKSTOP,
                Vector.empty(),
                I256.ZERO,
                I256.of(10),
                I256.of(11),
                I256.of(-1),
                I256.ZERO);
        Either<Revert, Receipt> fake = Either.right(new Receipt(s, Vector.of(e), 0));

        Vector<Violation> found = Invariants.KEEPER_REWARD.check(
                Transition.of(s, new Tx.Liquidate(A1), block(setup, Standard.KEEPER), fake));

        assertThat(found).isNotEmpty();
        assertThat(found.head().amounts().get("keeperReward")).contains(I256.of(11));
    }

    @Test
    void unequalSocializedSharesAreCaught() {
        CampaignSetup setup = setup();
        ProtocolState s = setup.genesis();
        // acct-1 and acct-2 hold 10,000 USDC each: a loss of 100 must be 50 and 50, not 80 and 20
        ProtocolState after = s.withAccount(s.account(A1).get().plusBalance(Standard.USDC, I256.of(-80)))
                .withAccount(s.account(A2).get().plusBalance(Standard.USDC, I256.of(-20)));
        Vector<Event> events =
                Vector.of(new Event.LossSocialized(A1, I256.of(80)), new Event.LossSocialized(A2, I256.of(20)));
        Transition t = new Transition(
                s,
                new Tx.Liquidate(AccountId.of("x")),
                block(setup, Standard.KEEPER),
                Either.right(new Receipt(after, events, 0)),
                after,
                io.vavr.control.Option.none());

        Vector<Violation> found = Invariants.PRO_RATA.check(t);

        assertThat(found.flatMap(Violation::accounts).toSet()).contains(A1, A2);
    }

    @Test
    void aRevertThatChangedTheStateIsCaught() {
        CampaignSetup setup = setup();
        ProtocolState s = setup.genesis();
        ProtocolState other = s.withInsuranceFund(I256.ZERO);
        Transition t = new Transition(
                s,
                new Tx.Liquidate(A1),
                block(setup, Standard.KEEPER),
                Either.left(new Revert.NotLiquidatable(A1, I256.ZERO, I256.ZERO)),
                other,
                io.vavr.control.Option.none());

        assertThat(Invariants.REVERT_CHANGES_NOTHING.check(t)).hasSize(1);
    }

    @Test
    void theModelKeepsEveryInvariantOnARealTrade() {
        CampaignSetup setup = setup();
        ProtocolState s = setup.genesis();
        BlockContext b = block(setup, A1);
        // acct-1 buys 1 ETH-PERP from acct-2 at 3000
        Tx tx = new Tx.Trade(Standard.ETH_PERP, A1, A2, I256.pow10(18), I256.of(3_000_00000000L));
        Either<Revert, Receipt> r = MarginEngine.execute(s, tx, b);

        assertThat(r.isRight()).isTrue();
        Transition t = Transition.of(s, tx, b, r).withRerun(MarginEngine.execute(s, tx, b));
        assertThat(Invariants.check(Invariants.ALL, t)).isEmpty();
        assertThat(HashSet.ofAll(t.after().accounts().keySet())).contains(A1, A2);
    }
}
