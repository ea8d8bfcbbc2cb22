package dev.solvent.cli;

import dev.solvent.cli.live.ContractAddress;
import dev.solvent.model.math.I256;
import dev.solvent.model.math.Wad;
import dev.solvent.oracle.live.FeedAddress;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** The values {@code solvent keeper} reads from its command line that picocli cannot read by itself. */
final class KeeperInputs {

    private KeeperInputs() {}

    /**
     * A feed as given on the command line: what it prices, and its address.
     *
     * @param name an asset of the state file or a price key
     * @param address the feed's address
     */
    record FeedSpec(String name, FeedAddress address) {
        @Override
        public String toString() {
            return name + "=" + address;
        }
    }

    /** Reads {@code --feed ASSET=ADDRESS}, with the reason when it is not one. */
    static final class FeedSpecConverter implements ITypeConverter<FeedSpec> {
        @Override
        public FeedSpec convert(String value) {
            int eq = value.indexOf('=');
            String name = eq < 0 ? "" : value.substring(0, eq);
            if (eq < 0 || name.isBlank() || !name.equals(name.strip())) {
                throw new TypeConversionException("'" + value + "' is not ASSET=ADDRESS; valid: an asset or price key"
                        + " of the state file, =, and the feed's address, such as"
                        + " WETH=0x5f4eC3Df9cbd43714FE2740f5E3616155c5b8419");
            }
            return FeedAddress.parse(value.substring(eq + 1))
                    .map(a -> new FeedSpec(name, a))
                    .getOrElseThrow(reason -> new TypeConversionException("'" + value + "': " + reason));
        }
    }

    /** Reads {@code --protocol}, with the reason when it is not an address. */
    static final class ContractAddressConverter implements ITypeConverter<ContractAddress> {
        @Override
        public ContractAddress convert(String value) {
            return ContractAddress.parse(value).getOrElseThrow(TypeConversionException::new);
        }
    }

    /** Reads a whole number of base units, {@code >= 0}, digits optionally grouped by underscores. */
    static final class AmountConverter implements ITypeConverter<I256> {
        private static final Pattern AMOUNT = Pattern.compile("[0-9]{1,60}(_[0-9]+)*");

        @Override
        public I256 convert(String value) {
            if (!AMOUNT.matcher(value).matches()) {
                throw new TypeConversionException("'" + value + "' is not an amount; valid: a whole number of base"
                        + " units of the settlement asset, >= 0, such as 5000_000000 (5,000 USDC)");
            }
            return I256.parse(value.replace("_", ""));
        }
    }

    /** Reads a ratio in {@code [0, 1)} as a WAD, exactly. */
    static final class RatioConverter implements ITypeConverter<Wad> {
        private static final Pattern RATIO = Pattern.compile("0(\\.[0-9]{1,18})?");

        @Override
        public Wad convert(String value) {
            if (!RATIO.matcher(value).matches()) {
                throw new TypeConversionException("'" + value + "' is not a ratio in [0, 1); valid: such as 0.02");
            }
            return Wad.parse(value);
        }
    }
}
