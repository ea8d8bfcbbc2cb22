package dev.solvent.oracle.feed;

import dev.solvent.model.math.I256;
import dev.solvent.oracle.internal.ParameterChecks;
import io.vavr.collection.Vector;
import io.vavr.control.Option;

/**
 * An L2 sequencer-uptime feed in the manner of Chainlink's: answer 0 while the sequencer is up, 1 while it is down, and
 * {@code startedAt} the time the status last changed. Scripted by outages; a pure function of time.
 *
 * @param since when the feed began, with the sequencer up, unix seconds
 * @param outages the outages, in time order, not overlapping, after {@code since}
 */
public record SequencerUptimeFeed(long since, Vector<Outage> outages) {

    /** Requires ordered, disjoint outages after {@code since}. */
    public SequencerUptimeFeed {
        ParameterChecks.present("SequencerUptimeFeed.outages", outages);
        long t = since;
        for (int i = 0; i < outages.size(); i++) {
            Outage o = outages.get(i);
            ParameterChecks.require(
                    o.down() > t,
                    "SequencerUptimeFeed.outages[" + i + "]",
                    "starts at " + o.down() + "; valid: after " + t + " (ordered, disjoint, after since)");
            t = o.up();
        }
    }

    /**
     * The sequencer was down from {@code down} (inclusive) to {@code up} (exclusive), unix seconds.
     *
     * @param down when it went down
     * @param up when it came back, {@code > down}
     */
    public record Outage(long down, long up) {

        /** Requires {@code down < up}. */
        public Outage {
            ParameterChecks.require(down < up, "Outage", down + ".." + up + " is out of range; valid: down < up");
        }
    }

    /** {@return the feed's round at {@code now}: none before {@code since}} */
    public Option<Round> round(long now) {
        if (now < since) {
            return Option.none();
        }
        long id = 1;
        long changed = since;
        boolean down = false;
        for (Outage o : outages) {
            if (now < o.down()) {
                break;
            }
            id++;
            changed = o.down();
            down = true;
            if (now >= o.up()) {
                id++;
                changed = o.up();
                down = false;
            }
        }
        return Option.some(new Round(id, down ? I256.ONE : I256.ZERO, changed, changed, id));
    }
}
