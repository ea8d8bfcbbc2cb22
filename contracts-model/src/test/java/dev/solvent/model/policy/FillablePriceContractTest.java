package dev.solvent.model.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.solvent.model.id.AccountId;
import dev.solvent.model.math.FixedPoint;
import dev.solvent.model.math.I256;
import dev.solvent.model.math.Wad;
import dev.solvent.model.state.ProtocolState;
import dev.solvent.model.tx.Event;
import dev.solvent.model.tx.Receipt;

/**
 * The liquidation contract for dYdX v4's fillable-price liquidation with the dYdX Chain genesis' parameters (spread
 * 1.5 times the maintenance requirement, fee at most 1.5%); it defines itself by closing exactly one position, at a
 * fill between the oracle value and the oracle value less the whole spread, for a fee no larger than its cap and no
 * larger than what the fill brings above the bankruptcy value. A fee may take all of that, so the health may stay
 * where it was.
 */
class FillablePriceContractTest implements LiquidationPolicyContract {

    @Override
    public LiquidationPolicy policy() {
        return new LiquidationPolicy.FillablePrice(Wad.ONE, Wad.parse("1.5"), Wad.parse("0.015"));
    }

    @Override
    public boolean strictlyHealthier() {
        return false;
    }

    @Override
    public void checkDefiningProperty(ProtocolState before, Receipt receipt, AccountId id) {
        if (before.account(id).get().positions().isEmpty()) {
            assertThat(receipt.events().exists(Event.AccountLiquidated.class::isInstance))
                    .isTrue();
            return;
        }
        var f = receipt.events()
                .filter(Event.FillableLiquidation.class::isInstance)
                .map(Event.FillableLiquidation.class::cast)
                .single();
        assertThat(receipt.state().account(id).get().positions().size())
                .isEqualTo(before.account(id).get().positions().size() - 1);
        var fill = f.closed().value();
        // toward the receiver by at most the spread, never past the oracle value
        assertThat(fill).isLessThanOrEqualTo(f.oracleValue());
        assertThat(fill)
                .isGreaterThanOrEqualTo(f.oracleValue().minus(f.maxSpread()).min(f.oracleValue()));
        assertThat(f.fee())
                .isLessThanOrEqualTo(
                        FixedPoint.wadMulFloor(fill.abs(), Wad.parse("0.015").raw()));
        assertThat(f.fee()).isLessThanOrEqualTo(fill.minus(f.bankruptcyValue()).max(I256.ZERO));
        assertThat(f.fee().isPositive() && f.shortfall().isPositive()).isFalse();
    }
}
