package dev.solvent.oracle.mirror;

import dev.solvent.oracle.rpc.RpcFailure;

/**
 * A {@link ReadFailure} unwinding a read: thrown deep inside, caught once by the reader's entry points and returned as
 * a value. Stackless, as it is control flow and not a bug.
 */
final class ReadAbort extends RuntimeException {

    private final transient ReadFailure failure;

    ReadAbort(ReadFailure failure) {
        super(failure.message(), null, false, false);
        this.failure = failure;
    }

    /** {@return an abort for a failure of the JSON-RPC transport or of a call's answer} */
    static ReadAbort rpc(RpcFailure failure) {
        return new ReadAbort(new ReadFailure.Rpc(failure));
    }

    ReadFailure failure() {
        return failure;
    }
}
