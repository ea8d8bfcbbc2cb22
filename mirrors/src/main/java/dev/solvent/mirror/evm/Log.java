package dev.solvent.mirror.evm;

import java.util.List;

/**
 * One event a call emitted: the contract that emitted it, the event's name and its arguments in declaration order
 * (indexed and not), each a {@link java.math.BigInteger}, {@link Address} or {@link Boolean}.
 */
public record Log(Address emitter, String event, List<Object> args) {

    /** Copies the arguments. */
    public Log {
        args = List.copyOf(args);
    }

    /** {@return a log of {@code event} from {@code emitter} with these arguments} */
    public static Log of(Address emitter, String event, Object... args) {
        return new Log(emitter, event, List.of(args));
    }
}
