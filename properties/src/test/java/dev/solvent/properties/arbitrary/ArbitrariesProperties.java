package dev.solvent.properties.arbitrary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.solvent.model.config.ConfigException;
import dev.solvent.model.id.MarketId;
import dev.solvent.model.math.I256;
import dev.solvent.model.state.Account;
import dev.solvent.model.state.ProtocolState;
import dev.solvent.model.tx.Tx;
import dev.solvent.properties.SolventArbitraries;
import dev.solvent.properties.SolventDomain;
import dev.solvent.properties.invariant.Invariants;
import java.math.BigInteger;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.domains.Domain;
import net.jqwik.api.statistics.Statistics;

/** The arbitraries give what their Javadoc promises, and the domain provides every type it lists. */
class ArbitrariesProperties {

    @Property(tries = 200)
    void validRiskParametersBuildAMarket(@ForAll("valid") RiskParameters p) {
        assertThat(p.build(MarketId.of("X-PERP"), Standard.WETH).maintenanceMargin())
                .isLessThan(p.initialMargin());
    }

    @Property(tries = 200)
    void invalidRiskParametersAreRejectedNamingAField(@ForAll("invalid") RiskParameters p) {
        assertThatThrownBy(() -> p.build(MarketId.of("X-PERP"), Standard.WETH))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("markets.X-PERP.");
    }

    @Provide
    Arbitrary<RiskParameters> valid() {
        return SolventArbitraries.riskParameters();
    }

    @Provide
    Arbitrary<RiskParameters> invalid() {
        return SolventArbitraries.riskParameters().invalid();
    }

    @Property(tries = 50)
    void everySetupsGenesisRunsAndKeepsTheStateInvariants(@ForAll("setups") CampaignSetup setup) {
        ProtocolState s = setup.genesis();
        assertThat(Invariants.STATE.flatMap(i -> i.check(s))).isEmpty();
        assertThat(s.accounts().keySet()).containsAll(setup.traders());
    }

    @Provide
    Arbitrary<CampaignSetup> setups() {
        return SolventArbitraries.setups();
    }

    @Property(tries = 200)
    void pricePathsStayWithinTheirBound(@ForAll("calm") PricePath path) {
        assertThat(path.moves()).allSatisfy(m -> {
            assertThat(m.largestMove()).isLessThanOrEqualTo(150);
            assertThat(m.bps().keySet()).containsExactlyInAnyOrder(Standard.ETH_USD, Standard.BTC_USD);
        });
        assertThat(path.moves().size()).isBetween(5, 20);
    }

    @Provide
    Arbitrary<PricePath> calm() {
        return SolventArbitraries.pricePaths(Standard.ETH_USD, Standard.BTC_USD)
                .maxMovePerBlock(150)
                .withoutJumps()
                .withoutGaps()
                .ofLength(5, 20);
    }

    @Property(tries = 100)
    void pricePathsWithJumpsAndGapsSometimesJumpAndStall(@ForAll("wild") PricePath path) {
        boolean jump = path.moves().exists(m -> m.largestMove() > 300);
        boolean gap = path.moves().exists(m -> m.bps().size() < 2);
        Statistics.label("jump").collect(jump);
        Statistics.label("gap").collect(gap);
        Statistics.label("jump").coverage(c -> c.check(true).percentage(p -> p > 20));
        Statistics.label("gap").coverage(c -> c.check(true).percentage(p -> p > 20));
    }

    @Provide
    Arbitrary<PricePath> wild() {
        return SolventArbitraries.pricePaths(Standard.ETH_USD, Standard.BTC_USD)
                .withJumps(3_000, 2)
                .ofLength(20, 40);
    }

    @Property(tries = 300)
    void accountsHoldTheConfiguredAssetsAndReachTheBoundaryAmounts(@ForAll("accounts") Account a) {
        assertThat(a.balances().keySet()).isSubsetOf(List.of(Standard.USDC, Standard.WETH, Standard.WBTC));
        assertThat(a.positions().values())
                .allSatisfy(p -> assertThat(p.isFlat()).isFalse());
        boolean huge = a.balances().values().exists(b -> b.abs().toBigInteger().bitLength() > 100);
        Statistics.label("an amount above 2^100").collect(huge);
        Statistics.label("an amount above 2^100").coverage(c -> c.check(true).percentage(p -> p > 1));
    }

    @Provide
    Arbitrary<Account> accounts() {
        return SolventArbitraries.accounts();
    }

    @Property(tries = 1)
    void accountAmountsHaveTheBoundaryEdgeCases() {
        List<BigInteger> edges = new java.util.ArrayList<>();
        AccountArbitrary.amounts().edgeCases().forEach(s -> edges.add(s.value().toBigInteger()));
        assertThat(edges)
                .contains(
                        BigInteger.ONE,
                        BigInteger.ONE.shiftLeft(64),
                        BigInteger.ONE.shiftLeft(104),
                        BigInteger.ONE.shiftLeft(128));
    }

    @Property(tries = 500)
    void transactionsCoverEveryKind(@ForAll("transactions") Tx tx) {
        Statistics.label("kind").collect(tx.getClass().getSimpleName());
        Statistics.label("kind").coverage(c -> {
            for (Class<?> k : Tx.class.getPermittedSubclasses()) {
                c.check(k.getSimpleName()).count(n -> n > 0);
            }
        });
    }

    @Provide
    Arbitrary<Tx> transactions() {
        return SolventArbitraries.transactions(
                CampaignSetup.standard(SolventArbitraries.configs().sample()));
    }

    @Property(tries = 30)
    @Domain(SolventDomain.class)
    void theDomainGivesReachableStatesThatKeepEveryStateInvariant(@ForAll ProtocolState state) {
        assertThat(Invariants.STATE.flatMap(i -> i.check(state))).isEmpty();
        assertThat(state.insuranceFund()).isGreaterThanOrEqualTo(I256.ZERO);
    }

    @Property(tries = 30)
    @Domain(SolventDomain.class)
    void theDomainGivesConfigsAndParameters(@ForAll RiskParameters p, @ForAll PricePath path, @ForAll Account a) {
        assertThat(p.initialMargin().isPositive()).isTrue();
        assertThat(path.moves()).isNotEmpty();
        assertThat(a.id().account()).startsWith("acct-");
    }
}
