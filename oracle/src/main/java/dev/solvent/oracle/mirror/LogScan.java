package dev.solvent.oracle.mirror;

import dev.solvent.mirror.evm.Address;
import dev.solvent.oracle.rpc.RpcFailure;
import io.vavr.Tuple2;
import io.vavr.control.Either;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.response.Log;

/**
 * The log scan every live reader shares: the logs of a market's contracts from a first block to the pinned one, paged
 * by block range, the range halved (down to one block) while the node refuses it and grown back after each page it
 * serves, each finished page recorded in a {@link ScanCache} so that an interrupted scan resumes. What a log names is
 * the protocol's business: its collector adds to a {@link Found}.
 */
final class LogScan {

    private static final Pattern RANGE_REFUSED = Pattern.compile(
            "(?i).*(range|limit|too (many|large|big)|exceed|more than|max(imum)?|10000|response size|timeout"
                    + "|timed out).*");

    private LogScan() {}

    /**
     * What the logs name: position holders, and for Comet its absorbers and the (owner, manager) pairs that were ever
     * allowed. Sorted, so that what follows the scan is deterministic.
     */
    record Found(Set<Address> accounts, Set<Address> absorbers, Set<Tuple2<Address, Address>> managers) {

        static Found empty() {
            return new Found(
                    new TreeSet<>(),
                    new TreeSet<>(),
                    new TreeSet<>((a, b) -> a._1.equals(b._1) ? a._2.compareTo(b._2) : a._1.compareTo(b._1)));
        }
    }

    /**
     * {@return what the logs of {@code addresses} in blocks {@code from..to} name, as {@code collect} reads each log}
     *
     * @param maxRange the most blocks one {@code eth_getLogs} asks for
     * @param progress where a line goes after each page
     */
    static Found scan(
            JsonRpc rpc,
            List<String> addresses,
            long from,
            long to,
            long maxRange,
            ScanCache cache,
            Consumer<String> progress,
            BiConsumer<Log, Found> collect) {
        Found found = Found.empty();
        long range = maxRange;
        long start = cache.resume(from, found.accounts(), found.absorbers(), found.managers());
        if (start > from) {
            progress.accept("logs: resuming at block " + start + " with "
                    + found.accounts().size() + " accounts from the scan cache");
        }
        while (start <= to) {
            long end = Math.min(to, start + range - 1);
            Either<Response.Error, List<Log>> page = rpc.logs(addresses, start, end);
            if (page.isLeft()) {
                String message = String.valueOf(page.getLeft().getMessage());
                if (!RANGE_REFUSED.matcher(message).matches()) {
                    throw ReadAbort.rpc(new RpcFailure.RpcError(
                            "eth_getLogs " + start + ".." + end, page.getLeft().getCode(), message));
                }
                if (range == 1) {
                    throw new ReadAbort(new ReadFailure.LogRangeTooSmall(start, message));
                }
                range = Math.max(1, range / 2);
                continue;
            }
            Found onPage = new Found(new TreeSet<>(), new TreeSet<>(), new LinkedHashSet<>());
            for (Log log : page.get()) {
                if (log.getTopics() != null && !log.getTopics().isEmpty()) {
                    collect.accept(log, onPage);
                }
            }
            List<String> items = new ArrayList<>();
            onPage.accounts().stream().filter(found.accounts()::add).forEach(a -> items.add("account " + a));
            onPage.absorbers().stream().filter(found.absorbers()::add).forEach(a -> items.add("absorber " + a));
            onPage.managers().stream()
                    .filter(found.managers()::add)
                    .forEach(p -> items.add("manager " + p._1 + " " + p._2));
            cache.page(end, items);
            progress.accept("logs: blocks " + start + ".." + end + " of " + to + " scanned, "
                    + found.accounts().size() + " accounts so far");
            start = end + 1;
            range = Math.min(maxRange, range * 2);
        }
        return found;
    }

    /** {@return topic {@code i} of the log, which must be an address} */
    static Address topic(Log log, int i) {
        if (log.getTopics().size() <= i) {
            throw ReadAbort.rpc(new RpcFailure.MalformedResponse(
                    "eth_getLogs", "a log of " + log.getTopics().getFirst() + " with too few topics"));
        }
        String t = log.getTopics().get(i);
        if (t == null || !t.matches("0x0{24}[0-9a-fA-F]{40}")) {
            throw ReadAbort.rpc(new RpcFailure.MalformedResponse("eth_getLogs", "topic " + t + " is not an address"));
        }
        return Address.of("0x" + t.substring(26));
    }

    /** {@return word {@code i} of the log's data, which must be an address} */
    static Address dataAddress(Log log, int i) {
        String data = log.getData() == null ? "0x" : log.getData();
        int at = 2 + 64 * i;
        String word = data.length() >= at + 64 ? data.substring(at, at + 64) : "";
        if (!word.matches("0{24}[0-9a-fA-F]{40}")) {
            throw ReadAbort.rpc(new RpcFailure.MalformedResponse(
                    "eth_getLogs",
                    "word " + i + " of the data of a log of " + log.getTopics().getFirst() + " is not an address"));
        }
        return Address.of("0x" + word.substring(24));
    }
}
