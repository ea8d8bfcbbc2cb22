package dev.solvent.simulation.protocol;

import dev.solvent.mirror.evm.Address;
import dev.solvent.mirror.maker.Dss;
import dev.solvent.mirror.maker.DssBlock;
import dev.solvent.mirror.maker.DssCall;
import dev.solvent.mirror.maker.DssProtocol;
import dev.solvent.mirror.maker.DssState;
import dev.solvent.model.protocol.Protocol;
import dev.solvent.simulation.scenario.LendingScenario;
import dev.solvent.simulation.scenario.ScenarioException;
import io.vavr.collection.HashSet;
import io.vavr.collection.Vector;
import java.math.BigInteger;
import java.util.Map;

/**
 * A Maker collateral type under Liquidations 2.0 on the dss mirror, deployed and wired as dss's own {@code clip.t.sol}
 * does it: Vat, Jug, Spotter, Vow, Dog, a Clipper with its price curve, the collateral's pip, every parameter filed
 * as the scenario gives it. Accounts are vaults ({@code ILK:0xurn}); a participant's collateral comes in through the
 * GemJoin ({@code slip} by the join, a ward of the Vat, after a {@code poke} of the Spotter so the Vat's spot is the
 * block's); supplying is locking it ({@code frob} of {@code ink}), borrowing is drawing DAI ({@code frob} of {@code
 * art}), repaying is wiping ({@code frob} of {@code -art}).
 *
 * <p>DAI from outside (a keeper's capital, a trader repaying more than it drew) is drawn by a minter from a separate
 * vault of a stable collateral type ({@code SRC}: spot 2, no fee, never unsafe) and moved to the participant, so no
 * DAI is created without a vault behind it, and none of it is Vow debt. That vault is an account like the others;
 * its debt counts against the scenario's {@code Line} as another ilk's DAI does on chain. The participant also {@code
 * hope}s the Clipper, as a keeper must before it takes. Nobody calls {@code Jug.drip} in a run: {@code rate} stays 1
 * (the {@code duty} is filed, so a designer can drip in a longer study), which keeps a wiped amount of DAI equal to
 * the art it clears.
 */
final class MakerMarket implements LendingMarket<DssState, DssCall> {

    static final Address ME = Address.ofNumber(0xA000);
    static final Address VAT = Address.ofNumber(0xA001);
    static final Address JUG = Address.ofNumber(0xA002);
    static final Address SPOT = Address.ofNumber(0xA003);
    static final Address VOW = Address.ofNumber(0xA004);
    static final Address DOG = Address.ofNumber(0xA005);
    static final Address CAT = Address.ofNumber(0xA006);
    static final Address CLIP = Address.ofNumber(0xA007);
    static final Address CALC = Address.ofNumber(0xA008);
    static final Address PIP = Address.ofNumber(0xA009);
    static final Address GEM_JOIN = Address.ofNumber(0xA00A);
    static final Address MINTER = Address.ofNumber(0xA00B);

    /** The stable collateral type DAI from outside is drawn against. */
    static final String SOURCE = "SRC";

    private static final long PARTICIPANTS = 0x1_0000_0000L;
    private static final BigInteger RAY = BigInteger.TEN.pow(27);

    /**
     * The decimals of a lending run's values ({@code LendingSummary.VALUE_DECIMALS}; named here, not imported, so that
     * this package does not depend back on the run's).
     */
    private static final int VALUE_DECIMALS = 8;

    private final LendingScenario.Maker config;
    private final DssProtocol protocol;

    MakerMarket(LendingScenario.Maker config) {
        this.config = config;
        this.protocol = new DssProtocol(Map.of(config.collateral(), PIP), VALUE_DECIMALS);
    }

    @Override
    public Protocol<DssState, DssCall> protocol() {
        return protocol;
    }

    @Override
    public DssState genesis(long timestamp) {
        String ilk = config.ilk();
        DssState s = DssState.deployed(VAT, JUG, SPOT, VOW, DOG, CAT, Address.ZERO, ME);
        s = Dss.withClipper(s, CLIP, ME, ilk);
        s = Dss.withCalc(s, curve());
        DssBlock b = new DssBlock(timestamp, Map.of());
        Vector<DssCall> calls = Vector.of(
                        // wards of the Vat: the Spotter, the Jug, the GemJoin, the Dog and the Clipper
                        rely(VAT, SPOT),
                        rely(VAT, JUG),
                        rely(VAT, GEM_JOIN),
                        rely(VAT, DOG),
                        rely(VAT, CLIP),
                        rely(VOW, DOG),
                        rely(CLIP, DOG),
                        rely(DOG, CLIP),
                        // the Vat
                        new DssCall.Init(ME, VAT, ilk),
                        new DssCall.FileIlkUint(ME, VAT, ilk, "line", config.line()),
                        new DssCall.FileIlkUint(ME, VAT, ilk, "dust", config.dust()),
                        new DssCall.FileUint(ME, VAT, "Line", config.Line()),
                        // the Jug
                        new DssCall.Init(ME, JUG, ilk),
                        new DssCall.FileIlkUint(ME, JUG, ilk, "duty", config.duty()),
                        new DssCall.FileAddress(ME, JUG, "vow", VOW),
                        // the Spotter (the first poke is the first participant's, at the first prices)
                        new DssCall.FileIlkAddress(ME, SPOT, ilk, "pip", PIP),
                        new DssCall.FileIlkUint(ME, SPOT, ilk, "mat", config.mat()),
                        // the Dog
                        new DssCall.FileAddress(ME, DOG, "vow", VOW),
                        new DssCall.FileIlkUint(ME, DOG, ilk, "chop", config.chop()),
                        new DssCall.FileIlkUint(ME, DOG, ilk, "hole", config.hole()),
                        new DssCall.FileUint(ME, DOG, "Hole", config.Hole()),
                        new DssCall.FileIlkAddress(ME, DOG, ilk, "clip", CLIP),
                        // the Clipper and its curve
                        new DssCall.FileAddress(ME, CLIP, "vow", VOW),
                        new DssCall.FileAddress(ME, CLIP, "calc", CALC),
                        new DssCall.FileUint(ME, CLIP, "buf", config.buf()),
                        new DssCall.FileUint(ME, CLIP, "tail", BigInteger.valueOf(config.tail())),
                        new DssCall.FileUint(ME, CLIP, "cusp", config.cusp()),
                        new DssCall.FileUint(ME, CLIP, "chip", config.chip()),
                        new DssCall.FileUint(ME, CLIP, "tip", config.tip()),
                        new DssCall.Upchost(ME, CLIP))
                .appendAll(curveFiles())
                .appendAll(Vector.of(
                        // the source of outside DAI: a stable ilk at spot 2, with room for any capital
                        new DssCall.Init(ME, VAT, SOURCE),
                        new DssCall.FileIlkUint(ME, VAT, SOURCE, "spot", RAY.add(RAY)),
                        new DssCall.FileIlkUint(ME, VAT, SOURCE, "line", config.Line())));
        for (DssCall call : calls) {
            var r = Dss.execute(s, call, b);
            if (r.isLeft()) {
                throw new ScenarioException(Vector.of("market: deploying the Maker system reverted at " + call + " ("
                        + r.getLeft() + "); valid: parameters dss accepts (docs/scenarios.md)"));
            }
            s = r.get().state();
        }
        return s;
    }

    private DssState.Abacus curve() {
        HashSet<Address> wards = HashSet.of(ME);
        return switch (config.calc().kind()) {
            case "linear" -> new DssState.Abacus.LinearDecrease(CALC, wards, BigInteger.ZERO);
            case "stairstep-exponential" ->
                new DssState.Abacus.StairstepExponentialDecrease(CALC, wards, BigInteger.ZERO, BigInteger.ZERO);
            default -> new DssState.Abacus.ExponentialDecrease(CALC, wards, BigInteger.ZERO);
        };
    }

    private Vector<DssCall> curveFiles() {
        LendingScenario.MakerCalc c = config.calc();
        return switch (c.kind()) {
            case "linear" -> Vector.of(new DssCall.FileUint(ME, CALC, "tau", BigInteger.valueOf(c.tau())));
            case "stairstep-exponential" ->
                Vector.of(
                        new DssCall.FileUint(ME, CALC, "cut", c.cut()),
                        new DssCall.FileUint(ME, CALC, "step", BigInteger.valueOf(c.step())));
            default -> Vector.of(new DssCall.FileUint(ME, CALC, "cut", c.cut()));
        };
    }

    private static DssCall rely(Address target, Address usr) {
        return new DssCall.Rely(ME, target, usr);
    }

    @Override
    public String account(int number) {
        return DssProtocol.account(config.ilk(), Address.ofNumber(PARTICIPANTS + number));
    }

    private static Address urn(String account) {
        return Address.of(account.substring(account.lastIndexOf(':') + 1));
    }

    /**
     * Collateral comes in through the GemJoin after a poke (so a vault drawn at these prices is judged at them); DAI
     * is drawn from the source vault and moved over, and its holder hopes the Clipper.
     */
    @Override
    public Vector<DssCall> receive(String account, String asset, BigInteger amount) {
        Address a = urn(account);
        if (asset.equals(config.collateral())) {
            return Vector.of(new DssCall.Poke(a, config.ilk()), new DssCall.Slip(GEM_JOIN, config.ilk(), a, amount));
        }
        if (asset.equals(config.dai())) {
            return Vector.of(
                    new DssCall.Slip(GEM_JOIN, SOURCE, MINTER, amount),
                    new DssCall.Frob(MINTER, SOURCE, MINTER, MINTER, MINTER, amount, amount),
                    new DssCall.Move(MINTER, MINTER, a, amount.multiply(RAY)),
                    new DssCall.Hope(a, CLIP));
        }
        throw new IllegalArgumentException(
                "a Maker market knows " + config.collateral() + " and " + config.dai() + ", not " + asset);
    }

    /** Locking collateral: {@code frob(ilk, u, u, u, dink, 0)}. */
    @Override
    public DssCall supply(String account, String asset, BigInteger amount) {
        Address a = urn(account);
        return new DssCall.Frob(a, config.ilk(), a, a, a, amount, BigInteger.ZERO);
    }

    /** Drawing DAI: {@code frob(ilk, u, u, u, 0, dart)}; at a rate of 1, {@code dart} is the DAI drawn. */
    @Override
    public DssCall borrow(String account, String asset, BigInteger amount) {
        Address a = urn(account);
        return new DssCall.Frob(a, config.ilk(), a, a, a, BigInteger.ZERO, amount);
    }

    /** Wiping: {@code frob(ilk, u, u, u, 0, -dart)}. */
    @Override
    public DssCall repay(String account, String asset, BigInteger amount) {
        Address a = urn(account);
        return new DssCall.Frob(a, config.ilk(), a, a, a, BigInteger.ZERO, amount.negate());
    }
}
