package dev.solvent.oracle.feed;

import dev.solvent.model.math.I256;
import dev.solvent.model.tx.OracleAnswer;
import dev.solvent.oracle.internal.ParameterChecks;
import io.vavr.collection.Vector;
import io.vavr.control.Either;
import io.vavr.control.Option;

/**
 * A consumer's checks in order: the first guard that refuses a reading decides, as the first failing {@code require}
 * does on-chain; a reading that passes them all becomes the {@link OracleAnswer} the protocol model reads.
 *
 * @param guards the checks, in the order they run
 */
public record ConsumerGuards(Vector<Guard> guards) {

    /** Requires the list. */
    public ConsumerGuards {
        ParameterChecks.present("ConsumerGuards.guards", guards);
    }

    /** {@return the given checks, in order} */
    public static ConsumerGuards of(Guard... guards) {
        return new ConsumerGuards(Vector.of(guards));
    }

    /**
     * {@return the checks of a careful Chainlink consumer on L1: positive answer, complete round, maximum age of
     * {@code heartbeat + margin}, and a circuit breaker at {@code bounds}}
     */
    public static ConsumerGuards chainlink(long heartbeatSeconds, long marginSeconds, I256 min, I256 max) {
        return of(
                new Guard.PositiveAnswer(),
                new Guard.CompleteRound(),
                Guard.MaxAge.ofHeartbeat(heartbeatSeconds, marginSeconds),
                new Guard.Bounds(min, max));
    }

    /** {@return these checks preceded by the L2 sequencer check with {@code gracePeriodSeconds}} */
    public ConsumerGuards onL2(long gracePeriodSeconds) {
        return new ConsumerGuards(guards.prepend(new Guard.SequencerUp(gracePeriodSeconds)));
    }

    /** {@return the answer to use, or the first check that refuses the reading} */
    public Either<GuardRejection, OracleAnswer> read(FeedReading reading) {
        for (Guard g : guards) {
            Option<GuardRejection> refused = g.check(reading);
            if (refused.isDefined()) {
                return Either.left(refused.get());
            }
        }
        return reading.round().map(r -> r.toAnswer(reading.decimals())).toEither(new GuardRejection.MissingRound());
    }
}
