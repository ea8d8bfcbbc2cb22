package dev.solvent.properties.claim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.solvent.model.id.AccountId;
import dev.solvent.model.id.MarketId;
import dev.solvent.model.math.I256;
import dev.solvent.model.math.Wad;
import dev.solvent.model.tx.Event;
import io.vavr.collection.Vector;
import org.junit.jupiter.api.Test;

/**
 * The {@code noShortfall} claim ("every liquidated account can pay its losses") hears every liquidation that reports
 * a shortfall: the close-factor call and dYdX's fillable-price fill report theirs as the account-wide and isolated
 * liquidations and the vault takeover do.
 */
class ClaimShortfallTest {

    private static final AccountId ALICE = AccountId.of("alice");
    private static final AccountId KEEPER = AccountId.of("keeper");
    private static final MarketId ETH = MarketId.of("ETH-PERP");

    @Test
    void aCloseFactorLiquidationWithAShortfallBreaksTheClaim() {
        Event e = closeFactor(I256.of(250));
        assertThat(Claim.shortfallLeft(e).get())
                .isEqualTo("alice was liquidated (close factor) with a shortfall of 250");
        assertThat(Claim.shortfallLeft(closeFactor(I256.ZERO)).isEmpty()).isTrue();
    }

    @Test
    void aFillBelowTheBankruptcyValueBreaksTheClaim() {
        assertThat(Claim.shortfallLeft(fill(I256.of(40))).get())
                .isEqualTo("alice's position was filled below its bankruptcy value, a shortfall of 40");
        assertThat(Claim.shortfallLeft(fill(I256.ZERO)).isEmpty()).isTrue();
    }

    private static Event closeFactor(I256 shortfall) {
        return new Event.LiquidationCalled(
                ALICE,
                KEEPER,
                KEEPER,
                Wad.ONE,
                Vector.empty(),
                Vector.empty(),
                I256.of(10_000),
                I256.of(500),
                I256.of(450),
                I256.of(50),
                shortfall);
    }

    private static Event fill(I256 shortfall) {
        return new Event.FillableLiquidation(
                ALICE,
                KEEPER,
                KEEPER,
                new Event.ClosedPosition(ETH, I256.of(-1), I256.of(2_000), I256.of(2_000)),
                I256.of(2_000),
                I256.of(30),
                I256.of(2_040),
                I256.ZERO,
                shortfall);
    }
}
