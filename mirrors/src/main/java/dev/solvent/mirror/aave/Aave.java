package dev.solvent.mirror.aave;

import dev.solvent.mirror.evm.EvmRevert;
import dev.solvent.mirror.evm.RevertException;
import io.vavr.control.Either;

/**
 * Aave v3's Pool (with its aTokens, variable debt tokens, oracle and the test tokens beside it) as a pure function:
 * a call against a state in a block yields either the revert the contracts would give (state untouched) or the next
 * state. Our own implementation of the observable behaviour of {@code aave-dao/aave-v3-origin} at the two versions of
 * {@link AaveVersion}, proven against their bytecode by the differential harness in this module's tests.
 *
 * {@snippet :
 * Either<EvmRevert, AaveReceipt> r = Aave.execute(state, new AaveCall.LiquidationCall(keeper, weth, usdx, alice, max, false), block);
 * AaveState next = r.map(AaveReceipt::state).getOrElse(state);
 * }
 */
public final class Aave {

    private Aave() {}

    /** {@return the revert, or the next state and return values, of {@code call} sent in {@code block}} */
    public static Either<EvmRevert, AaveReceipt> execute(AaveState state, AaveCall call, AaveBlock block) {
        try {
            AaveMachine m = new AaveMachine(state, block);
            return Either.right(m.run(call));
        } catch (RevertException e) {
            return Either.left(e.revert());
        }
    }
}
