package dev.solvent.oracle.mirror;

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

    ReadFailure failure() {
        return failure;
    }
}
