package dev.solvent.model.policy;

/**
 * How a liquidated account's shortfall (what it cannot pay) is absorbed. The insurance fund always pays first; the
 * policy decides what happens past it. Every unit ends in a ledger: covered, socialized, deleveraged or bad debt.
 */
public sealed interface ShortfallPolicy {

    /**
     * Past the fund, the loss is shared by every other account pro rata to its positive settlement-asset balance
     * (cross margin only); whatever exceeds all those balances is recorded as bad debt.
     */
    record InsuranceThenSocialize() implements ShortfallPolicy {}

    /**
     * Past the fund, the loss is taken from the unrealized profit of the most profitable cross positions opposite to
     * the liquidated ones, ranked by profit (ties by account id), each giving at most its profit; the rest is bad
     * debt.
     */
    record InsuranceThenAdl() implements ShortfallPolicy {}

    /**
     * Past the fund, auto-deleveraging at the bankruptcy price (as perpetual exchanges do): the positions just taken
     * over by the receiver are closed against the opposite positions of other accounts, ranked by PnL% times leverage
     * (unrealized profit over entry cost, times notional over margin equity; ties by account id, then market), at
     * the oracle price less the shortfall per unit, so each closed unit pays its share of the loss. Profitable
     * positions go first; what they cannot cover is bad debt.
     */
    record InsuranceThenDeleverage() implements ShortfallPolicy {}

    /** Past the fund, the loss accrues as the protocol's bad debt (a deficit, as Aave's). */
    record InsuranceThenBadDebt() implements ShortfallPolicy {}
}
