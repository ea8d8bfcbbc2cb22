package dev.solvent.model.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.solvent.model.id.AccountId;
import dev.solvent.model.math.U256;
import dev.solvent.model.math.Wad;
import dev.solvent.model.state.ProtocolState;
import dev.solvent.model.tx.Event;
import dev.solvent.model.tx.Receipt;

/**
 * The liquidation contract for Maker's Dutch auctions (buf 1.2, linear over an hour, chop 1.13, no tip as ETH-A,
 * chip 0.1%, so that the incentive stays below the penalty even for small tabs); it defines itself by putting every collateral of the account in auction, each auction never selling more
 * than its lot, for at most its share of the debt times chop.
 */
class DutchAuctionContractTest implements LiquidationPolicyContract {

    @Override
    public LiquidationPolicy policy() {
        return new LiquidationPolicy.DutchAuction(
                Wad.parse("1.2"),
                new PriceCurve.Linear(3_600),
                7_200,
                Wad.parse("0.4"),
                Wad.parse("1.13"),
                U256.of(10_000_000_000_000L),
                U256.of(100_000_000_000_000L),
                U256.ZERO,
                Wad.parse("0.001"),
                U256.of(100_000_000));
    }

    @Override
    public void checkDefiningProperty(ProtocolState before, Receipt receipt, AccountId id) {
        var settlement = before.config().settlementAsset();
        var after = receipt.state().account(id).get();
        assertThat(after.positions()).isEmpty();
        var kicked =
                receipt.events().filter(Event.AuctionKicked.class::isInstance).map(Event.AuctionKicked.class::cast);
        for (Event.AuctionKicked k : kicked) {
            assertThat(k.lot()).isEqualTo(before.account(id).get().balance(k.asset()));
            assertThat(after.balance(k.asset()).isZero()).isTrue();
        }
        assertThat(after.balance(settlement).isNegative()).isFalse();
    }
}
