package dev.solvent.model.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.solvent.model.id.AccountId;
import dev.solvent.model.logic.MarginLogic;
import dev.solvent.model.math.U256;
import dev.solvent.model.math.Wad;
import dev.solvent.model.state.ProtocolState;
import dev.solvent.model.tx.Event;
import dev.solvent.model.tx.Receipt;

/**
 * The liquidation contract for partial liquidation with Aave v3.3's close factor (0.5, full close at health 0.95 or
 * below, dust under 2,000 USDC, bonus 5%, protocol share 10%); it defines itself by never closing more than the close
 * factor of any position or debt unless it closes everything.
 */
class CloseFactorContractTest implements LiquidationPolicyContract {

    @Override
    public LiquidationPolicy policy() {
        return new LiquidationPolicy.CloseFactor(
                Wad.parse("0.5"), Wad.parse("0.95"), U256.of(2_000_000_000L), Wad.parse("0.05"), Wad.parse("0.1"));
    }

    @Override
    public void checkDefiningProperty(ProtocolState before, Receipt receipt, AccountId id) {
        var account = before.account(id).get();
        var called = receipt.events()
                .filter(Event.LiquidationCalled.class::isInstance)
                .map(Event.LiquidationCalled.class::cast)
                .single();
        var after = receipt.state().account(id).get();
        if (called.factor().equals(Wad.ONE)) {
            assertThat(after.positions()).isEmpty();
            assertThat(after.balances().values().filter(b -> b.isNegative())).isEmpty();
            return;
        }
        for (Event.ClosedPosition c : called.closed()) {
            var size = account.position(c.market()).get().size();
            assertThat(c.size()).isEqualTo(MarginLogic.closeSize(size, called.factor()));
        }
        for (Event.DebtRepaid r : called.repaid()) {
            var debt = account.balance(r.asset()).negate();
            assertThat(r.amount()).isEqualTo(MarginLogic.closeSize(debt, called.factor()));
        }
    }
}
