package dev.solvent.oracle.mirror;

import dev.solvent.mirror.evm.Address;
import io.vavr.Tuple2;
import io.vavr.control.Option;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Where a log scan keeps what it has found, so that an interrupted scan resumes instead of starting over: one file per
 * (chain id, market, pinned block, first block), to which each page appends the addresses it found and then a
 * {@code scanned END} line. On resume, only what a {@code scanned} line closed counts; a page cut short is scanned
 * again. The file is text, one item a line.
 */
final class ScanCache {

    private final Option<Path> file;
    private final String header;

    private ScanCache(Option<Path> file, String protocol) {
        this.file = file;
        this.header = "solvent " + protocol + " log scan v1";
    }

    /** {@return no cache: every scan starts from its first block} */
    static ScanCache none() {
        return new ScanCache(Option.none(), "none");
    }

    /**
     * {@return the cache file in {@code folder} for this scan} {@code protocol} ({@code comet}, {@code aave-v3.3}...)
     * names the file and its header, so that two protocols' scans of one address never mix.
     */
    static ScanCache in(Path folder, String protocol, long chainId, Address market, long block, long from) {
        return new ScanCache(
                Option.some(folder.resolve(
                        protocol + "-" + chainId + "-" + market.hex() + "-" + block + "-from-" + from + ".scan")),
                protocol);
    }

    /**
     * Adds what earlier scans found to the sets and {@return the first block still to scan, or {@code from}} A file
     * whose header is not this scan's is an error.
     */
    long resume(long from, Set<Address> accounts, Set<Address> absorbers, Set<Tuple2<Address, Address>> managers) {
        if (file.isEmpty() || !Files.exists(file.get())) {
            return from;
        }
        Path path = file.get();
        List<String> lines;
        try {
            lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw failed("cannot be read: " + e.getMessage());
        }
        if (lines.isEmpty() || !lines.getFirst().equals(header())) {
            throw failed("is not a scan cache of this version; delete it to scan again");
        }
        long next = from;
        int committed = 1;
        List<String[]> pending = new ArrayList<>();
        for (int k = 1; k < lines.size(); k++) {
            String[] f = lines.get(k).split(" ");
            try {
                if (f[0].equals("scanned") && f.length == 2) {
                    for (String[] item : pending) {
                        switch (item[0]) {
                            case "account" -> accounts.add(Address.of(item[1]));
                            case "absorber" -> absorbers.add(Address.of(item[1]));
                            default -> managers.add(new Tuple2<>(Address.of(item[1]), Address.of(item[2])));
                        }
                    }
                    pending.clear();
                    next = Long.parseLong(f[1]) + 1;
                    committed = k + 1;
                } else if ((f[0].equals("account") || f[0].equals("absorber")) && f.length == 2
                        || f[0].equals("manager") && f.length == 3) {
                    pending.add(f);
                } else {
                    // a line cut short by an interruption: what follows the last "scanned" is scanned again
                    break;
                }
            } catch (IllegalArgumentException e) {
                break;
            }
        }
        if (committed < lines.size()) {
            // drop the unfinished page, so that the pages appended from here on follow a finished one
            try {
                Files.write(path, lines.subList(0, committed), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw failed("cannot be written: " + e.getMessage());
            }
        }
        return next;
    }

    /** Records one page: the items it found, then that blocks up to {@code end} are scanned. */
    void page(long end, List<String> items) {
        if (file.isEmpty()) {
            return;
        }
        StringBuilder text = new StringBuilder();
        try {
            if (!Files.exists(file.get())) {
                text.append(header()).append('\n');
            }
            items.forEach(i -> text.append(i).append('\n'));
            text.append("scanned ").append(end).append('\n');
            Files.writeString(
                    file.get(),
                    text,
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw failed("cannot be written: " + e.getMessage());
        }
    }

    private String header() {
        return header;
    }

    private ReadAbort failed(String why) {
        return new ReadAbort(
                new ReadFailure.CacheFailed(file.map(Path::toString).getOrElse(""), why));
    }
}
