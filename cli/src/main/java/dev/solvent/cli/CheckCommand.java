package dev.solvent.cli;

import dev.solvent.cli.replay.ClaimFile;
import dev.solvent.cli.replay.Problem;
import dev.solvent.properties.campaign.CampaignWorld;
import dev.solvent.properties.campaign.ReplayFiles;
import dev.solvent.properties.claim.Claim;
import dev.solvent.properties.claim.ClaimScenario;
import dev.solvent.properties.claim.ClaimSearch;
import io.vavr.collection.Seq;
import io.vavr.collection.Vector;
import io.vavr.control.Validation;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code solvent check CLAIM_FILE}: searches for a counterexample to a parameter claim with jqwik (edge cases first,
 * then random scenarios from a seed, then shrinking) and answers HOLDS with what was tried, or FAILS with the smallest
 * counterexample, written as a pair of replay files that {@code solvent replay} reproduces.
 */
@Command(
        name = "check",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Searches for a counterexample to a claim about a protocol's parameters, such as: with these parameters,"
                    + " prices that move at most 2%% a block and keepers that act within 2 blocks, no account ends"
                    + " with bad debt.",
            "Prints HOLDS with what was tried, or FAILS with the smallest counterexample (price path and"
                    + " transactions), written as state.json and txs.json for solvent replay.",
            "The claim file's format is in docs/check.md; examples are in examples/claims/."
        },
        exitCodeOnInvalidInput = ExitCodes.BAD_INPUT,
        exitCodeOnExecutionException = ExitCodes.INTERNAL_ERROR,
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the claim holds for every scenario tried",
            "1:a counterexample was found and written",
            "2:bad input: every problem is listed with its file, line and field; nothing was searched",
            "70:internal error: a bug in solvent (the stack trace is printed)"
        })
public final class CheckCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CLAIM_FILE", description = "The claim to check (JSON).")
    private Path claimFile;

    @Option(names = "--tries", paramLabel = "N", description = "Scenarios to try; overrides the file's search.tries.")
    private Integer tries;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of the random scenarios; overrides search.seed.")
    private Long seed;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description = "Folder for the counterexample's state.json and txs.json (default: ${DEFAULT-VALUE}).",
            defaultValue = "solvent-counterexample")
    private Path out;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        if (tries != null && tries < 1) {
            err.println("--tries: " + tries + " is out of range; valid: a whole number >= 1");
            err.flush();
            return ExitCodes.BAD_INPUT;
        }
        if (out.toString().isEmpty()) {
            // the empty path is the working folder: an --out= without a value must not write there
            err.println("--out: is empty; valid: a folder for the counterexample (created if missing)");
            err.flush();
            return ExitCodes.BAD_INPUT;
        }
        Validation<Seq<Problem>, ClaimFile.Read> read = ClaimFile.load(claimFile);
        if (read.isInvalid()) {
            Seq<Problem> problems = read.getError();
            problems.sortBy(p -> (p.file().equals(claimFile.toString()) ? 0L : 1L << 32) + p.line())
                    .forEach(err::println);
            err.println("solvent check: " + problems.size() + (problems.size() == 1 ? " problem" : " problems")
                    + " in the input; nothing was searched");
            err.flush();
            return ExitCodes.BAD_INPUT;
        }
        ClaimFile.Read r = read.get();
        Claim claim = r.claim();
        int n = tries != null ? tries : r.tries();
        long s = seed != null ? seed : r.seed();
        ClaimSearch.Result result = ClaimSearch.search(claim, n, s);
        switch (result) {
            case ClaimSearch.Holds h -> {
                stdout.println("HOLDS: " + sentence(claim));
                stdout.println(statistics(h.statistics()));
                stdout.flush();
                return ExitCodes.OK;
            }
            case ClaimSearch.Fails f -> {
                return counterexample(claim, f, stdout, err);
            }
        }
    }

    /** Writes the shrunk counterexample's replay files and prints it; {@return the exit code} */
    private int counterexample(Claim claim, ClaimSearch.Fails f, PrintWriter stdout, PrintWriter err) {
        ReplayFiles.Written files;
        try {
            files = ReplayFiles.write(
                    claim.setup(),
                    f.world().log(),
                    out,
                    "a counterexample to the claim that " + claim.kind().sentence() + ": " + f.reason());
        } catch (UncheckedIOException e) {
            err.println(out + ": cannot be written: " + e.getCause().getMessage());
            err.flush();
            return ExitCodes.BAD_INPUT;
        }
        stdout.println("FAILS: " + sentence(claim));
        stdout.println("  " + f.reason());
        stdout.println(statistics(f.statistics()));
        stdout.println("  shrunk in " + f.shrinkSteps() + " steps to this counterexample:");
        stdout.print(path(claim, f.scenario(), f.world().block()));
        stdout.println("  transactions:");
        int i = 1;
        for (CampaignWorld.Sent sent : f.world().log()) {
            stdout.println("    " + i++ + ". " + sent.note()
                    + sent.revert()
                            .map(x -> " (reverts: " + x.getClass().getSimpleName() + ")")
                            .getOrElse(""));
        }
        stdout.println("  replay it: solvent replay " + files.state() + " " + files.txs());
        stdout.flush();
        return ExitCodes.PROBLEM_FOUND;
    }

    private static String sentence(Claim c) {
        return c.kind().sentence() + ", with prices moving at most " + percent(c.maxMoveBps()) + " a block for "
                + c.blocks() + " blocks and keepers acting within " + c.keeperDelay() + " blocks";
    }

    private static String percent(int bps) {
        return String.format(Locale.ROOT, "%s%d.%02d%%", bps < 0 ? "-" : "", Math.abs(bps) / 100, Math.abs(bps) % 100);
    }

    private static String statistics(ClaimSearch.Statistics s) {
        return "  tried " + s.tries() + " scenarios (" + s.edgeCases()
                + " edge cases first, then random ones from seed "
                + s.seed() + "): " + s.blocks() + " blocks, " + s.transactions() + " transactions, "
                + s.liquidations() + " liquidations in " + s.runsWithLiquidation() + " scenarios, " + s.shortfalls()
                + " with a shortfall; largest one-block move " + percent(s.largestMoveBps());
    }

    /** {@return the price path block by block, only the blocks in which something moved} */
    private static String path(Claim claim, ClaimScenario scenario, long lastBlock) {
        Vector<String> keys = claim.setup().prices().keySet().toVector();
        StringBuilder b =
                new StringBuilder("  price path (each block's moves; feeds and blocks that stood still left out):\n");
        int block = 2;
        for (Vector<Integer> moves : scenario.moves()) {
            if (block > lastBlock) {
                break;
            }
            if (moves.exists(m -> m != 0)) {
                b.append("    block ").append(block).append(':');
                for (int i = 0; i < keys.size(); i++) {
                    if (moves.get(i) != 0) {
                        b.append(' ')
                                .append(keys.get(i))
                                .append(' ')
                                .append(moves.get(i) > 0 ? "+" : "")
                                .append(percent(moves.get(i)));
                    }
                }
                b.append('\n');
            }
            block++;
        }
        return b.toString();
    }
}
