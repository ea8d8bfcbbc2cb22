package dev.solvent.cli.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.solvent.model.math.I256;
import dev.solvent.model.math.U256;
import dev.solvent.model.math.Wad;
import dev.solvent.model.tx.Tx;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DecodeTest {

    private static JsonValue parse(String json) {
        return JsonFile.parse(json.getBytes(StandardCharsets.UTF_8)).get();
    }

    @Test
    void readsRatiosExactlyFromStringsAndFromJsonNumbers() {
        JsonValue n = parse("[\"0.05\", 0.100000000000000001, \"1\"]");
        JsonValue.Arr a = (JsonValue.Arr) n;

        // 0.100000000000000001 is not a double; the text is read as written
        assertThat(Decode.RATIO.read(a.items().get(0), "x").get()).isEqualTo(new Wad(I256.of(50_000_000_000_000_000L)));
        assertThat(Decode.RATIO.read(a.items().get(1), "x").get())
                .isEqualTo(new Wad(I256.of(100_000_000_000_000_001L)));
        assertThat(Decode.RATIO.read(a.items().get(2), "x").get()).isEqualTo(Wad.ONE);
    }

    @Test
    void readsAmountsBeyondSixtyFourBitsFromStringsAndNumbers() {
        JsonValue.Arr a = (JsonValue.Arr) parse("[\"1000_000000000000000000\", 1000000000000000000000]");
        Decode.Kind<U256> amount = Decode.amount(Option.none(), false);

        assertThat(amount.read(a.items().get(0), "x").get()).isEqualTo(U256.parse("1000000000000000000000"));
        assertThat(amount.read(a.items().get(1), "x").get()).isEqualTo(U256.parse("1000000000000000000000"));
    }

    @Test
    void rejectsAmountsAboveTwoToThe256() {
        JsonValue n = parse("\"" + U256.MAX.toBigInteger().add(java.math.BigInteger.ONE) + "\"");

        assertThat(Decode.amount(Option.none(), false)
                        .read(n, "x")
                        .getError()
                        .head()
                        .message())
                .contains("is larger than 2^256 - 1");
    }

    @Test
    void convertsADecimalAmountToBaseUnitsForTheHint() {
        Decode.Unit usdc = new Decode.Unit("USDC", 6);

        assertThat(Decode.baseUnits("1.5", usdc)).contains("1500000");
        assertThat(Decode.baseUnits("0.000001", usdc)).contains("1");
        assertThat(Decode.baseUnits("0.0000001", usdc)).isEmpty();
        assertThat(Decode.baseUnits("1e6", usdc)).isEmpty();
    }

    @Test
    void findsTheLineOfAPathWhoseKeysContainDots() {
        JsonValue root = parse("""
                {
                  "markets": {
                    "ETH.PERP": {
                      "takerFee": "0.5"
                    }
                  }
                }
                """);

        assertThat(root.lineOf("markets.ETH.PERP.takerFee")).isEqualTo(4);
        assertThat(root.lineOf("markets.ETH.PERP.makerFee"))
                .as("a missing field: its parent")
                .isEqualTo(3);
        assertThat(root.lineOf("")).isEqualTo(1);
    }

    @Test
    void knowsEveryTransactionTypeOfTheModel() {
        List<String> permitted = List.of(Tx.class.getPermittedSubclasses()).map(Class::getSimpleName);

        assertThat(TxFile.TYPES.toJavaList()).containsExactlyInAnyOrderElementsOf(permitted.toJavaList());
        assertThat(TxFile.fields("Trade").toJavaList())
                .containsExactly("type", "market", "taker", "maker", "size", "price");
    }
}
