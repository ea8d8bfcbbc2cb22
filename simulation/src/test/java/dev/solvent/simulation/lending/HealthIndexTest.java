package dev.solvent.simulation.lending;

import static org.assertj.core.api.Assertions.assertThat;

import dev.solvent.model.protocol.Health;
import dev.solvent.model.protocol.Protocol;
import dev.solvent.simulation.scenario.LendingReader;
import dev.solvent.simulation.scenario.LendingScenario;
import dev.solvent.simulation.scenario.Scenarios;
import java.math.BigInteger;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.statistics.Statistics;

/**
 * The keepers' index of account healths against the full walk it replaces, on each lending mirror: for random books
 * (seeds, sizes) and random gbm price paths, the indexed loop finds the same liquidatable accounts at every block as a
 * loop that reads every account again at every price move, with the same rows, events and snapshots; and every margin
 * the index relies on keeps its promise (the account, read afresh, is neither liquidatable nor underwater).
 */
class HealthIndexTest {

    /** A jump diffusion whose jumps are 15% down on average, about four of them in 600 blocks. */
    private static final String CRASH =
            "jump-diffusion, jumpsPerYear: \"20000\", jumpMean: \"-0.15\", jumpVolatility: \"0.02\"";

    private static final String[] MIRRORS = {"aave-may-2021", "comet-ftx-2022", "maker-march-2020"};

    @Property(tries = 12)
    void theIndexedLoopFindsWhatTheFullWalkFinds(
            @ForAll @IntRange(min = 0, max = 2) int mirror,
            @ForAll @LongRange(min = 1, max = 1_000_000) long seed,
            @ForAll @IntRange(min = 20, max = 120) int traders,
            @ForAll @IntRange(min = 5, max = 40) int volatilityTenths) {
        LendingScenario sc = calm(MIRRORS[mirror], "gbm", traders, volatilityTenths, 240, 97);
        Counts counts = compare(LendingSetup.of(sc, seed));
        Statistics.label("mirror").collect(MIRRORS[mirror]);
        Statistics.label("found liquidatable").collect(counts.liquidatable > 0);
        Statistics.label("margins relied on").collect(counts.relied > 0);
    }

    @Example
    void aCrashOnEachMirrorStillAgrees() {
        long total = 0;
        for (String name : MIRRORS) {
            Counts counts = compare(LendingSetup.of(calm(name, CRASH, 80, 10, 600, 1_000), 11));
            assertThat(counts.relied).as(name + ": margins relied on").isPositive();
            total += counts.liquidatable;
        }
        assertThat(total).as("accounts found liquidatable").isPositive();
    }

    /** What a comparison saw. */
    private static final class Counts {
        long liquidatable;
        long relied;
    }

    private static <S, C> Counts compare(LendingSetup<S, C> setup) {
        LendingWorld<S, C> indexed = LendingWorld.start(setup, true);
        LendingWorld<S, C> full = LendingWorld.start(setup, false);
        Counts counts = new Counts();
        while (indexed.hasNext()) {
            LendingWorld.Stepped<S, C> a = indexed.step();
            LendingWorld.Stepped<S, C> b = full.step();
            String at = setup.scenario().name() + " block " + a.row().block();
            assertThat(a.liquidatable()).as(at).isEqualTo(b.liquidatable());
            assertThat(a.row()).as(at).isEqualTo(b.row());
            assertThat(a.events()).as(at).isEqualTo(b.events());
            assertThat(a.sample()).as(at).isEqualTo(b.sample());
            counts.liquidatable += a.liquidatable().size();
            counts.relied += promisesKept(a.next(), at);
            indexed = a.next();
            full = b.next();
        }
        return counts;
    }

    /**
     * {@return how many margins cover the world's own state and last block}, after checking that each of those
     * accounts, read afresh there, is neither liquidatable nor underwater
     */
    private static <S, C> long promisesKept(LendingWorld<S, C> world, String at) {
        Protocol<S, C> protocol = world.setup().protocol();
        HealthIndex<S> index = world.healths();
        long relied = 0;
        for (var e : index.epochs()) {
            BigInteger drift = protocol.drift(e._2().state(), e._2().block(), world.state(), world.last())
                    .getOrNull();
            if (drift == null) {
                continue;
            }
            for (HealthIndex.Key k : e._2().members()) {
                if (k.margin().compareTo(drift) <= 0) {
                    break;
                }
                Health h = protocol.health(world.state(), k.account(), world.last())
                        .getOrNull();
                assertThat(h).as(at + " " + k.account()).isNotNull();
                assertThat(h.liquidatable())
                        .as(at + " " + k.account() + " liquidatable")
                        .isFalse();
                assertThat(h.debt().signum() > 0 && h.collateral().signum() == 0)
                        .as(at + " " + k.account() + " underwater")
                        .isFalse();
                relied++;
            }
        }
        return relied;
    }

    /**
     * {@return a bundled lending scenario on generated paths ({@code type} and its fields) of the given volatility (tenths), with lent liquidity raised
     * so that every loan opens, {@code blocks} long, a snapshot every {@code sampleEvery} blocks}
     */
    static LendingScenario calm(
            String name, String type, int traders, int volatilityTenths, int blocks, int sampleEvery) {
        String vol = "\"" + (volatilityTenths / 10) + "." + (volatilityTenths % 10) + "\"";
        String yaml = Scenarios.text(name)
                .replaceAll(
                        "historical: eth-usd\\S*",
                        "generator: {type: " + type + ", start: \"2000\", drift: \"0\", volatility: " + vol + "}")
                .replaceAll(
                        "historical: btc-usd\\S*",
                        "generator: {type: " + type + ", start: \"40000\", drift: \"0\", volatility: " + vol + "}");
        Map<String, String> overrides = new TreeMap<>();
        switch (name) {
            case "aave-may-2021" -> overrides.put("market.reserves.USDC.liquidity", "5000000000");
            case "comet-ftx-2022" -> overrides.put("market.base.liquidity", "5000000000");
            default -> {
                overrides.put("market.line", "5000000000");
                overrides.put("market.Line", "10000000000");
            }
        }
        overrides.put("traders.count", Integer.toString(traders));
        overrides.put("blocks", Integer.toString(blocks));
        overrides.put("sampleEvery", Integer.toString(sampleEvery));
        return LendingReader.parse(name, yaml, overrides, null);
    }
}
