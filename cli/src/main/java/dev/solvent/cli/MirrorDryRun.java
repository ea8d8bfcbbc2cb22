package dev.solvent.cli;

import dev.solvent.mirror.comet.CometProtocol;
import dev.solvent.mirror.evm.Address;
import dev.solvent.model.protocol.Block;
import dev.solvent.model.protocol.Executed;
import dev.solvent.model.protocol.Health;
import dev.solvent.model.protocol.Move;
import dev.solvent.model.protocol.Protocol;
import dev.solvent.model.protocol.Rejected;
import dev.solvent.oracle.mirror.CometSnapshot;
import dev.solvent.oracle.mirror.CometStateFile;
import io.vavr.collection.Seq;
import io.vavr.collection.TreeMap;
import io.vavr.control.Either;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code solvent keeper --protocol-kind comet --state SNAPSHOT}: a keeper's dry run on a real book, the state that
 * {@code solvent mirror} read from a deployment. Every account's health at the snapshot's block (after an optional
 * price shock) through the protocol contract, and for each liquidatable one the move a keeper would make, executed on
 * the mirror to show it goes through. Offline: nothing is read from a node, signed or sent.
 */
final class MirrorDryRun {

    /** The protocol kinds whose state files a dry run reads. */
    static final String KINDS = "solvent (a genesis state, live), comet (a state file of solvent mirror)";

    private static final BigInteger HUNDRED = BigInteger.valueOf(100);

    private MirrorDryRun() {}

    /**
     * Runs the dry run of a Comet snapshot. {@return the exit code}
     *
     * @param keeper the keeper's address, which sends the moves
     * @param shockPercent the change of every collateral price, in percent (from above -100), applied before the
     *     evaluation; zero for the prices as read
     */
    static int comet(Path stateFile, Address keeper, BigDecimal shockPercent, PrintWriter out, PrintWriter err) {
        String text;
        try {
            text = Files.readString(stateFile);
        } catch (IOException e) {
            err.println("solvent keeper: --state " + stateFile + ": cannot be read (" + e.getMessage()
                    + "); valid: a state file written by solvent mirror");
            return ExitCodes.BAD_INPUT;
        }
        Either<String, CometSnapshot> read = CometStateFile.read(text);
        if (read.isLeft()) {
            err.println("solvent keeper: --state " + stateFile + ": " + read.getLeft()
                    + " (with --protocol-kind comet, valid: a state file written by solvent mirror --protocol comet)");
            return ExitCodes.BAD_INPUT;
        }
        CometSnapshot snapshot = read.get();
        Address base = snapshot.state().immutables().baseTokenPriceFeed();
        java.util.Map<String, Address> feeds = new java.util.LinkedHashMap<>();
        TreeMap<String, Block.Price> prices = TreeMap.empty();
        for (java.util.Map.Entry<Address, BigInteger> e :
                new java.util.TreeMap<>(snapshot.block().answers()).entrySet()) {
            BigInteger answer = e.getKey().equals(base) ? e.getValue() : shocked(e.getValue(), shockPercent);
            feeds.put(e.getKey().hex(), e.getKey());
            prices = prices.put(
                    e.getKey().hex(),
                    new Block.Price(answer, 8, snapshot.block().timestamp()));
        }
        Block block = new Block(
                snapshot.blockNumber(),
                snapshot.block().timestamp(),
                snapshot.block().baseFee(),
                prices);
        out.println(
                "comet " + snapshot.state().immutables().comet() + " at block " + snapshot.blockNumber() + " (chain "
                        + snapshot.chainId() + ")"
                        + (shockPercent.signum() == 0
                                ? ""
                                : ", collateral prices "
                                        + shockPercent.stripTrailingZeros().toPlainString() + "%"));
        // Comet's price units: USD with 8 decimals
        return report(new CometProtocol(feeds), snapshot.state(), block, keeper.hex(), 8, out);
    }

    /** {@return {@code answer} moved by {@code percent}, rounded toward zero} */
    static BigInteger shocked(BigInteger answer, BigDecimal percent) {
        return new BigDecimal(answer)
                .multiply(BigDecimal.valueOf(100).add(percent))
                .divide(new BigDecimal(HUNDRED), 0, RoundingMode.DOWN)
                .toBigIntegerExact();
    }

    /**
     * Prints every liquidatable account and the move a keeper would make on it; {@return the exit code}
     *
     * @param valueDecimals the decimals of the protocol's unit of value, a USD amount
     */
    static <S, C> int report(
            Protocol<S, C> protocol, S state, Block block, String keeper, int valueDecimals, PrintWriter out) {
        Seq<String> accounts = protocol.accounts(state);
        int liquidatable = 0;
        int unreadable = 0;
        BigInteger debt = BigInteger.ZERO;
        for (String account : accounts) {
            Either<Rejected, Health> health = protocol.health(state, account, block);
            if (health.isLeft()) {
                unreadable++;
                out.println("  " + account + "  its health reverts: " + health.getLeft());
                continue;
            }
            Health h = health.get();
            if (!h.liquidatable()) {
                continue;
            }
            liquidatable++;
            debt = debt.add(h.debt());
            Seq<Move<C>> moves = protocol.moves(state, account, keeper, block);
            String move = moves.headOption()
                    .map(m -> m.kind()
                            + m.gain()
                                    .map(g -> ", gain " + usd(g, valueDecimals))
                                    .getOrElse("")
                            + " -> " + outcome(protocol.execute(state, m.call(), block)))
                    .getOrElse("no move a keeper can make");
            out.println(
                    "  " + account + "  health " + ratio(h) + ", debt " + usd(h.debt(), valueDecimals) + ": " + move);
        }
        out.println(String.format(
                Locale.ROOT,
                "%,d accounts, %,d liquidatable with %s of debt%s",
                accounts.size(),
                liquidatable,
                usd(debt, valueDecimals),
                unreadable == 0 ? "" : String.format(Locale.ROOT, ", %,d whose health reverts", unreadable)));
        return ExitCodes.OK;
    }

    private static <S> String outcome(Either<Rejected, Executed<S>> executed) {
        return executed.isRight()
                ? "goes through (" + executed.get().events().size() + " events)"
                : "reverts: " + executed.getLeft();
    }

    private static String ratio(Health h) {
        return h.ratio()
                .map(r -> new BigDecimal(r)
                        .movePointLeft(18)
                        .setScale(4, RoundingMode.DOWN)
                        .toPlainString())
                .getOrElse("no debt");
    }

    /** {@return a USD value of {@code decimals} decimals, in whole cents} */
    private static String usd(BigInteger value, int decimals) {
        return String.format(
                Locale.ROOT,
                "%,.2f USD",
                new BigDecimal(value).movePointLeft(decimals).setScale(2, RoundingMode.DOWN));
    }
}
