package dev.solvent.cli;

import dev.solvent.mirror.aave.AaveVersion;
import dev.solvent.mirror.evm.Address;
import dev.solvent.oracle.mirror.AaveReader;
import dev.solvent.oracle.mirror.AaveSnapshot;
import dev.solvent.oracle.mirror.AaveStateFile;
import dev.solvent.oracle.mirror.CometReader;
import dev.solvent.oracle.mirror.CometSnapshot;
import dev.solvent.oracle.mirror.CometStateFile;
import dev.solvent.oracle.mirror.Disagreement;
import dev.solvent.oracle.mirror.LiveReader;
import dev.solvent.oracle.mirror.ReadFailure;
import dev.solvent.oracle.rpc.RpcSettings;
import dev.solvent.oracle.rpc.RpcUrl;
import dev.solvent.oracle.rpc.Sleeper;
import io.vavr.control.Either;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code solvent mirror --rpc URL --protocol comet|aave-v3.3|aave-v3.7 --address MARKET [--block N] [--no-verify] --out
 * state.json}: reads
 * a live deployment at one block into its mirror's state, checks that the mirror's views equal the deployment's for
 * every account read, and writes the state file (complete or not at all).
 */
@Command(
        name = "mirror",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Reads a live deployment of a mirrored protocol at one block (the latest unless --block) over JSON-RPC:"
                    + " its configuration, totals, price feeds, and every account found in its logs. Then it checks"
                    + " that the mirror's views equal the deployment's at that block for every account (Comet:"
                    + " balances, borrow balances, collateral, isLiquidatable, isBorrowCollateralized, totals,"
                    + " reserves; Aave: the six fields of getUserAccountData, aToken and debt balances, normalized"
                    + " indexes, prices, supplies), and writes the mirror's state file. Progress goes to stderr.",
            "Example: solvent mirror --rpc http://127.0.0.1:8545 --protocol comet"
                    + " --address 0xc3d688B66703497DAA19211EEdff47f25384cdc3 --out state.json",
            "Example: solvent mirror --rpc http://127.0.0.1:8545 --protocol aave-v3.3 --address POOL"
                    + " --from-block POOL_DEPLOYMENT_BLOCK --out aave.json",
            "Maker is not read yet."
        },
        exitCodeOnInvalidInput = ExitCodes.BAD_INPUT,
        exitCodeOnExecutionException = ExitCodes.INTERNAL_ERROR,
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the state was read, verified (unless --no-verify) and written",
            "1:the mirror disagrees with the deployment on some view (each account and field is printed);"
                    + " nothing was written",
            "2:bad arguments, or the deployment could not be read (connection, timeout, HTTP or JSON-RPC error,"
                    + " malformed response, no contract, a block the node does not serve, a reorg during the read),"
                    + " or --out cannot be written; nothing was written",
            "70:internal error: a bug in solvent (the stack trace is printed)"
        })
public final class MirrorCommand implements Callable<Integer> {

    private static final int SHOWN_DISAGREEMENTS = 20;

    @Spec
    private CommandSpec spec;

    @Option(
            names = "--rpc",
            required = true,
            paramLabel = "URL",
            converter = PriceCommand.RpcUrlConverter.class,
            description = "The chain's JSON-RPC endpoint, http or https; an archive node to read a past --block.")
    private RpcUrl rpc;

    @Option(
            names = "--protocol",
            required = true,
            paramLabel = "NAME",
            description = "The protocol deployed at --address; valid: comet, aave-v3.3, aave-v3.7 (the Aave"
                    + " version the mirror follows: aave-v3.7 reads the eMode fields new in v3.6; a deployment of"
                    + " another version is read as the one named, and the verification says whether the mirror"
                    + " matches it).")
    private String protocol;

    @Option(
            names = "--address",
            required = true,
            paramLabel = "ADDRESS",
            converter = AddressConverter.class,
            description = "The market's address, 0x and 40 hexadecimal digits: for Comet its proxy, for Aave the"
                    + " Pool (proxy) that users call and that emits the market's events.")
    private Address address;

    @Option(
            names = "--block",
            paramLabel = "N",
            description = "The block to read (default: the latest, read once at the start).")
    private Long block;

    @Option(
            names = "--from-block",
            paramLabel = "N",
            defaultValue = "0",
            description = "The first block whose logs are scanned for accounts: the market's deployment block"
                    + " saves time (default: ${DEFAULT-VALUE}).")
    private long fromBlock;

    @Option(
            names = "--log-range",
            paramLabel = "BLOCKS",
            defaultValue = "10000",
            description = "The most blocks one eth_getLogs asks for; halved while the node refuses a range"
                    + " (default: ${DEFAULT-VALUE}).")
    private long logRange;

    @Option(
            names = "--batch",
            paramLabel = "N",
            defaultValue = "500",
            description = "The most eth_calls sent in one JSON-RPC batch, 1..1000; lower it for a provider that caps"
                    + " batches (default: ${DEFAULT-VALUE}).")
    private int batch;

    @Option(
            names = "--cache",
            paramLabel = "FOLDER",
            description = "Keep the log scan's progress in FOLDER (created if missing): a read interrupted during"
                    + " the scan resumes where it stopped when run again with the same --address, --block and"
                    + " --from-block.")
    private Path cache;

    @Option(
            names = "--no-verify",
            description = "Write the state without checking the mirror's views against the deployment's.")
    private boolean noVerify;

    @Option(
            names = "--out",
            required = true,
            paramLabel = "FILE",
            description =
                    "The state file to write (JSON, protocol: comet, aave-v3.3 or aave-v3.7; see docs/mirror.md).")
    private Path out;

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            defaultValue = "30s",
            converter = PriceCommand.DurationConverter.class,
            description = "The longest one request (a batch of calls is one) may take: such as 500ms, 30s, or a"
                    + " number of seconds (default: ${DEFAULT-VALUE}).")
    private Duration timeout;

    @Option(
            names = "--retries",
            paramLabel = "N",
            defaultValue = "3",
            description = "How often to try a request again after a timeout, a reset connection, HTTP 429 or 5xx,"
                    + " 0..9 (default: ${DEFAULT-VALUE}); other failures are never retried.")
    private int retries;

    @Override
    public Integer call() {
        String kind = validate();
        RpcSettings settings = RpcSettings.DEFAULTS.withTimeout(timeout).withMaxAttempts(retries + 1);
        PrintWriter err = spec.commandLine().getErr();
        Consumer<String> progress = line -> {
            err.println("solvent mirror: " + line);
            err.flush();
        };
        io.vavr.control.Option<Long> at = io.vavr.control.Option.of(block);
        io.vavr.control.Option<Path> folder = io.vavr.control.Option.of(cache);
        if (kind.equals("comet")) {
            try (CometReader reader = CometReader.create(rpc, settings, Sleeper.THREAD, batch)) {
                return finish(
                        reader,
                        reader.read(address, at, fromBlock, logRange, folder, progress),
                        reader::verify,
                        CometStateFile::write,
                        CometSnapshot::blockNumber,
                        s -> List.of(
                                "comet " + address + " at block " + s.blockNumber() + " (chain id " + s.chainId()
                                        + ", timestamp " + s.block().timestamp() + ")",
                                "accounts    " + s.state().userBasic().size(),
                                "assets      " + s.state().immutables().assets().size()));
            }
        }
        AaveVersion version = kind.equals("aave-v3.3") ? AaveVersion.V3_3 : AaveVersion.V3_7;
        try (AaveReader reader = AaveReader.create(version, rpc, settings, Sleeper.THREAD, batch)) {
            return finish(
                    reader,
                    reader.read(address, at, fromBlock, logRange, folder, progress),
                    reader::verify,
                    AaveStateFile::write,
                    AaveSnapshot::blockNumber,
                    s -> List.of(
                            kind + " pool " + address + " at block " + s.blockNumber() + " (chain id " + s.chainId()
                                    + ", timestamp " + s.block().timestamp() + ")",
                            "users       " + s.users().size(),
                            "reserves    " + s.state().reserves().size()));
        }
    }

    /**
     * Verifies the snapshot read (unless {@code --no-verify}), writes it, prints the summary, and {@return the exit
     * code}; the same for every protocol.
     */
    private <S> int finish(
            LiveReader reader,
            Either<ReadFailure, S> read,
            Function<S, Either<ReadFailure, List<Disagreement>>> verify,
            Function<S, String> file,
            ToLongFunction<S> blockNumber,
            Function<S, List<String>> summary) {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (read.isLeft()) {
            return cannotRead(err, read.getLeft());
        }
        S snapshot = read.get();
        String verified = "not verified (--no-verify)";
        if (!noVerify) {
            Either<ReadFailure, List<Disagreement>> check = verify.apply(snapshot);
            if (check.isLeft()) {
                return cannotRead(err, check.getLeft());
            }
            List<Disagreement> wrong = check.get();
            if (!wrong.isEmpty()) {
                err.println("solvent mirror: the mirror disagrees with the deployment at block "
                        + blockNumber.applyAsLong(snapshot) + " on " + wrong.size()
                        + " view(s); nothing was written:");
                wrong.stream().limit(SHOWN_DISAGREEMENTS).forEach(d -> err.println("  " + d.message()));
                if (wrong.size() > SHOWN_DISAGREEMENTS) {
                    err.println("  ... and " + (wrong.size() - SHOWN_DISAGREEMENTS) + " more");
                }
                err.flush();
                return ExitCodes.PROBLEM_FOUND;
            }
            verified = "every view of every account equals the deployment's";
        }
        try {
            OutputFile.write(out, file.apply(snapshot).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            err.println("solvent mirror: --out " + out + ": cannot be written: " + reason(e));
            err.flush();
            return ExitCodes.BAD_INPUT;
        }
        summary.apply(snapshot).forEach(stdout::println);
        stdout.println("verified    " + verified);
        stdout.println("rpc         " + reader.calls() + " calls in " + reader.requests() + " requests");
        stdout.println("wrote       " + out);
        stdout.flush();
        return ExitCodes.OK;
    }

    /** Checks the options and {@return the protocol, lower case} */
    private String validate() {
        String p = protocol.strip().toLowerCase(Locale.ROOT);
        if (!p.equals("comet") && !p.equals("aave-v3.3") && !p.equals("aave-v3.7")) {
            String why = p.equals("maker") ? " cannot be read yet" : " is not a protocol solvent knows";
            throw new ParameterException(
                    spec.commandLine(),
                    "--protocol: '" + protocol + "'" + why + "; valid: comet, aave-v3.3, aave-v3.7");
        }
        if (block != null && block < 0) {
            throw new ParameterException(
                    spec.commandLine(), "--block: " + block + " is not a block number (0 or more)");
        }
        if (fromBlock < 0) {
            throw new ParameterException(
                    spec.commandLine(), "--from-block: " + fromBlock + " is not a block number (0 or more)");
        }
        if (block != null && fromBlock > block) {
            throw new ParameterException(
                    spec.commandLine(), "--from-block: " + fromBlock + " is after --block " + block);
        }
        if (logRange < 1) {
            throw new ParameterException(
                    spec.commandLine(), "--log-range: " + logRange + " is not a positive number of blocks");
        }
        if (batch < 1 || batch > 1000) {
            throw new ParameterException(spec.commandLine(), "--batch: " + batch + " is out of range; valid: 1..1000");
        }
        if (retries < 0 || retries > 9) {
            throw new ParameterException(spec.commandLine(), "--retries: " + retries + " is out of range; valid: 0..9");
        }
        if (cache != null) {
            try {
                Files.createDirectories(cache);
            } catch (IOException e) {
                throw new ParameterException(
                        spec.commandLine(), "--cache: " + cache + " cannot be made a folder: " + reason(e));
            }
        }
        Path folder = out.toAbsolutePath().getParent();
        if (Files.isDirectory(out)) {
            throw new ParameterException(spec.commandLine(), "--out: " + out + " is a folder; give a file name");
        }
        if (folder == null || !Files.isDirectory(folder)) {
            throw new ParameterException(
                    spec.commandLine(), "--out: the folder " + folder + " does not exist; create it first");
        }
        return p;
    }

    private int cannotRead(PrintWriter err, ReadFailure failure) {
        err.println("solvent mirror: cannot read the market at " + rpc + ": " + failure.message()
                + "; nothing was written");
        err.flush();
        return ExitCodes.BAD_INPUT;
    }

    private static String reason(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** Reads {@code --address}, with the reason when it is not an address. */
    static final class AddressConverter implements ITypeConverter<Address> {
        @Override
        public Address convert(String value) {
            try {
                return Address.of(value.strip());
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(
                        "'" + value + "' is not an address; valid: 0x followed by 40 hexadecimal digits");
            }
        }
    }
}
