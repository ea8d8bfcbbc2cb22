package dev.solvent.mirror.evm;

/**
 * Unwinds a mirrored call, as a revert unwinds a transaction on the EVM. Stackless and cheap: only a mirror's entry
 * point catches it, and turns it back into an {@link EvmRevert} value.
 */
public final class RevertException extends RuntimeException {

    private final transient EvmRevert revert;

    /** Wraps the reason. */
    public RevertException(EvmRevert revert) {
        super(revert.toString(), null, false, false);
        this.revert = revert;
    }

    /** {@return why the call reverted} */
    public EvmRevert revert() {
        return revert;
    }
}
