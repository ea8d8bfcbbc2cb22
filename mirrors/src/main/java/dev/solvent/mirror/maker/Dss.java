package dev.solvent.mirror.maker;

import dev.solvent.mirror.evm.Address;
import dev.solvent.mirror.evm.EvmRevert;
import dev.solvent.mirror.evm.Log;
import dev.solvent.mirror.evm.RevertException;
import dev.solvent.mirror.maker.DssState.Abacus;
import dev.solvent.mirror.maker.DssState.Clipper;
import dev.solvent.mirror.maker.DssState.Flipper;
import dev.solvent.mirror.maker.DssState.Sale;
import io.vavr.control.Either;
import java.math.BigInteger;
import java.util.List;
import java.util.function.Function;

/**
 * Maker's liquidation contracts ({@code makerdao/dss} at {@code fa4f6630}) as a pure function: a call against the
 * state in a block yields either dss's revert (state untouched) or the next state and the events. Liquidations 2.0
 * (Dog, Clipper, abaci) and the Cat/Flipper auctions of March 2020 run on the same Vat.
 *
 * {@snippet :
 * Either<EvmRevert, DssReceipt> r = Dss.execute(state, new DssCall.Bark(keeper, "ETH-A", vault, keeper), block);
 * }
 */
public final class Dss {

    private Dss() {}

    /** A call that succeeded: the state after it and its events, in order. */
    public record DssReceipt(DssState state, List<Log> logs) {
        /** Copies the logs. */
        public DssReceipt {
            logs = List.copyOf(logs);
        }
    }

    /** The result of the Clipper's {@code getStatus(id)}. */
    public record Status(boolean needsRedo, BigInteger price, BigInteger lot, BigInteger tab) {}

    /** {@return the receipt of {@code call}, or dss's revert} */
    public static Either<EvmRevert, DssReceipt> execute(DssState state, DssCall call, DssBlock block) {
        DssMachine machine = new DssMachine(state, block);
        try {
            machine.run(call);
        } catch (RevertException e) {
            return Either.left(e.revert());
        }
        return Either.right(new DssReceipt(machine.state(), machine.logs()));
    }

    /** {@return a view's value, or its revert} */
    public static <T> Either<EvmRevert, T> view(Function<DssState, T> view, DssState state) {
        try {
            return Either.right(view.apply(state));
        } catch (RevertException e) {
            return Either.left(e.revert());
        }
    }

    /** {@return the state with a Clipper deployed at {@code clip} for {@code ilk}} */
    public static DssState withClipper(DssState s, Address clip, Address deployer, String ilk) {
        Clipper c = Clipper.deployed(
                clip,
                deployer,
                s.vat().address(),
                s.spotter().address(),
                s.dog().address(),
                ilk);
        return new DssState(
                s.vat(),
                s.jug(),
                s.spotter(),
                s.vow(),
                s.dog(),
                s.cat(),
                s.clippers().put(clip, c),
                s.calcs(),
                s.flippers());
    }

    /** {@return the state with a price curve deployed} */
    public static DssState withCalc(DssState s, Abacus calc) {
        return new DssState(
                s.vat(),
                s.jug(),
                s.spotter(),
                s.vow(),
                s.dog(),
                s.cat(),
                s.clippers(),
                s.calcs().put(calc.address(), calc),
                s.flippers());
    }

    /** {@return the state with a Flipper deployed at {@code flip} for {@code ilk}} */
    public static DssState withFlipper(DssState s, Address flip, Address deployer, String ilk) {
        Flipper f = Flipper.deployed(flip, deployer, s.vat().address(), s.cat().address(), ilk);
        return new DssState(
                s.vat(),
                s.jug(),
                s.spotter(),
                s.vow(),
                s.dog(),
                s.cat(),
                s.clippers(),
                s.calcs(),
                s.flippers().put(flip, f));
    }

    /** {@return {@code calc.price(top, dur)} of a curve} */
    public static BigInteger price(Abacus calc, BigInteger top, BigInteger dur) {
        return Liquidations.price(calc, top, dur);
    }

    /** {@return the Clipper's {@code getStatus(id)} in the block} */
    public static Status getStatus(DssState s, DssBlock block, Address clip, BigInteger id) {
        DssMachine m = new DssMachine(s, block);
        Clipper c = m.clipper(clip);
        Sale sale = c.sale(id);
        Liquidations.Status status = Liquidations.status(m, c, sale.tic(), sale.top());
        return new Status(!sale.usr().isZero() && status.done(), status.price(), sale.lot(), sale.tab());
    }

    /**
     * {@return whether {@code bark} would start an auction of the vault now} The test dss itself makes: a positive
     * spot and collateral at spot worth less than the debt at rate.
     */
    public static boolean unsafe(DssState s, String ilk, Address urn) {
        DssState.VatIlk i = s.vat().ilk(ilk);
        DssState.Urn u = s.vat().urn(ilk, urn);
        return i.spot().signum() > 0
                && u.ink().multiply(i.spot()).compareTo(u.art().multiply(i.rate())) < 0;
    }
}
