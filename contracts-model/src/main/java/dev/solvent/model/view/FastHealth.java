package dev.solvent.model.view;

import static dev.solvent.model.view.KernelLayout.*;

/**
 * {@link HealthKernel}'s fast path: one account's equity, margin equity and requirements in 64- and 128-bit
 * arithmetic over the per-block rows of {@link KernelLayout}, mirroring every rounding of {@code MarginLogic}, or
 * {@code false} (having written nothing) when the account leaves the fast range and the exact path must measure it.
 */
final class FastHealth {

    /** A pending funding the estimate could not prove. */
    private static final long FAIL = Long.MIN_VALUE;

    private FastHealth() {}

    /**
     * Evaluates account {@code i} in 64/128-bit arithmetic; {@code false} (having written nothing) if it cannot.
     *
     * <p>Every term's magnitude is ORed into {@code big} and the account leaves the fast path unless all are below
     * {@code 2^55}: then no sum of at most 64 collateral and 64 position terms can overflow 64 bits, and no addition
     * needs its own check. Settlement balances and quotes (at most {@code 2^119} each, checked when the arrays were
     * built) are summed in 128 bits.
     */
    static boolean evaluate(long[] at, long[] mt, KernelAccounts acc, int i, KernelResults into) {
        if (!acc.bounded[i]) {
            return false;
        }
        long baseHi = 0;
        long baseLo = 0;
        long eq = 0;
        long meq = 0;
        long im = 0;
        long mm = 0;
        long big = 0;
        long riskMask = 0;

        int[] assetOf = acc.collateralAsset;
        long[] balanceHi = acc.balanceHi;
        long[] balanceLo = acc.balanceLo;
        for (int k = i * acc.collateralSlots, end = k + acc.collateralSlots; k < end; k++) {
            int a = assetOf[k];
            if (a < 0) {
                continue;
            }
            int o = a << STRIDE_SHIFT;
            long kind = at[o + KIND];
            long bh = balanceHi[k];
            long bl = balanceLo[k];
            if (kind == SETTLEMENT) {
                baseLo += bl;
                baseHi += bh + Wide.carry(baseLo, bl);
                riskMask |= bh;
                continue;
            }
            if (kind == EXACT_ONLY) {
                return false;
            }
            long packed = Wide.estimateProduct(
                    acc.balanceTop[k], acc.balanceZeros[k], at[o + VALUE_MANTISSA], at[o + VALUE_EXPONENT]);
            if (packed < 0) {
                packed = exactValue(bh, bl, at, o);
                if (packed < 0) {
                    return false;
                }
            }
            // a positive balance: collateralValue floors, weighted floors; a debt (or, as in the reference, a zero
            // balance): debtValue ceils, weightedDebt ceils, and the account carries risk. Signs are data, so they
            // select by mask rather than by branch (random signs mispredict).
            long debt = (bh >> 63) | -Wide.isZero(bh | bl);
            long v = (packed >>> 1) + (packed & debt & 1);
            long w = ratio(v, at, o + COLLATERAL_WEIGHT + ((LIABILITY_WEIGHT - COLLATERAL_WEIGHT) & (int) debt), debt);
            big |= v | w;
            eq += (v ^ debt) - debt;
            meq += (w ^ debt) - debt;
            riskMask |= debt;
        }

        int[] marketOf = acc.positionMarket;
        long[] sizeHi = acc.sizeHi;
        long[] indexHi = acc.fundingIndexHi;
        long[] indexLo = acc.fundingIndexLo;
        long[] quoteHi = acc.quoteHi;
        long[] quoteLo = acc.quoteLo;
        for (int k = i * acc.positionSlots, end = k + acc.positionSlots; k < end; k++) {
            int m = marketOf[k];
            if (m < 0) {
                continue;
            }
            riskMask = -1;
            int o = m << STRIDE_SHIFT;
            if (mt[o + KIND] == EXACT_ONLY) {
                return false;
            }
            long isShort = sizeHi[k] >> 63;
            long sizeTop = acc.sizeTop[k];
            long sizeZeros = acc.sizeZeros[k];
            long packed = Wide.estimateProduct(sizeTop, sizeZeros, mt[o + VALUE_MANTISSA], mt[o + VALUE_EXPONENT]);
            if (packed < 0) {
                packed = exactValue(sizeHi[k], acc.sizeLo[k], mt, o);
                if (packed < 0) {
                    return false;
                }
            }
            // positionValue floors (a short owes the rounded-up magnitude), notional ceils
            long floor = packed >>> 1;
            long notional = floor + (packed & 1);
            long value = ((floor + (packed & isShort & 1)) ^ isShort) - isShort;
            long maintenance = ratio(notional, mt, o + MAINTENANCE_MARGIN, -1);
            long initial = ratio(notional, mt, o + INITIAL_MARGIN, -1);

            // pending funding on the index move since the position last settled, signed 128 bits
            long ih = mt[o + INDEX_HI];
            long il = mt[o + INDEX_LO];
            long fh = indexHi[k];
            long fl = indexLo[k];
            long dl = il - fl;
            long dh = ih - fh - Wide.borrow(il, fl);
            if (((ih ^ fh) & (ih ^ dh)) < 0) {
                return false;
            }
            long pending = 0;
            if ((dh | dl) != 0) {
                pending = funding(sizeTop, sizeZeros, isShort, dh, dl, mt, o);
                if (pending == FAIL) {
                    pending = exactFunding(sizeHi[k], acc.sizeLo[k], isShort, dh, dl, mt, o);
                    if (pending == FAIL) {
                        return false;
                    }
                }
            }
            long ql = quoteLo[k];
            baseLo += ql;
            baseHi += quoteHi[k] + Wide.carry(baseLo, ql);

            big |= notional | maintenance | initial | (pending ^ (pending >> 63));
            long pnl = value - pending;
            eq += pnl;
            meq += pnl;
            mm += maintenance;
            im += initial;
        }
        if ((big >>> 55) != 0) {
            return false; // also catches a failed ratio (negative)
        }

        long eqLo = baseLo + eq;
        long eqHi = baseHi + (eq >> 63) + Wide.carry(eqLo, baseLo);
        long meqLo = baseLo + meq;
        long meqHi = baseHi + (meq >> 63) + Wide.carry(meqLo, baseLo);
        boolean risk = riskMask < 0;
        boolean liquidatable = risk && (meqHi < 0 || (meqHi == 0 && Long.compareUnsigned(meqLo, mm) < 0));
        into.equityHi[i] = eqHi;
        into.equityLo[i] = eqLo;
        into.marginEquityHi[i] = meqHi;
        into.marginEquityLo[i] = meqLo;
        into.initialHi[i] = 0;
        into.initialLo[i] = im;
        into.maintenanceHi[i] = 0;
        into.maintenanceLo[i] = mm;
        into.flags[i] = (byte) ((risk ? KernelResults.RISK : 0) | (liquidatable ? KernelResults.LIQUIDATABLE : 0));
        return true;
    }

    /**
     * {@return the packed {@code floor(|x| * price / 10^shift)} (or {@code |x| * price * 10^-shift}) of the signed
     * 128-bit {@code x = (hi, lo)}}, divided exactly, or {@link Wide#FAIL}; for when the estimate cannot decide
     */
    private static long exactValue(long hi, long lo, long[] t, int o) {
        long negative = hi >> 63;
        long ml = (lo ^ negative) - negative;
        long mh = (hi ^ negative) + (negative & Wide.isZero(lo));
        long p = t[o + PRICE];
        long pl = ml * p;
        long ph = Math.unsignedMultiplyHigh(ml, p);
        if (mh != 0) {
            if (Long.compareUnsigned(mh, t[o + HI_LIMIT]) >= 0) {
                return Wide.FAIL;
            }
            ph += mh * p; // mh * p < 2^63 and the carry-in is below p < 2^63: no wrap
        }
        if (t[o + KIND] == DIVIDE) {
            return Wide.divide(ph, pl, t, o + VALUE);
        }
        long scale = t[o + VALUE];
        long r = pl * scale;
        if (ph != 0 || (pl >>> 62) != 0 || Math.multiplyHigh(pl, scale) != 0 || (r >>> 62) != 0) {
            return Wide.FAIL;
        }
        return r << 1;
    }

    /**
     * {@return {@code v * ratio / 1e18} rounded down ({@code ceil == 0}) or up ({@code ceil == -1}), for {@code 0 <= v <
     * 2^62}}, or {@link Wide#FAIL}; the ratio is reduced to {@code num / den}, so ordinary ratios need one 64-bit
     * product and one magic division
     */
    private static long ratio(long v, long[] t, int o, long ceil) {
        long num = t[o + R_NUM];
        if (v <= t[o + R_LIMIT]) {
            long x = v * num + ((t[o + R_DEN] - 1) & ceil); // ceil(x / den) = floor((x + den - 1) / den)
            return Wide.magicDivide(x, t[o + R_MAGIC], t[o + R_MAGIC_SHIFT]);
        }
        long packed = Wide.divide(Math.unsignedMultiplyHigh(v, num), v * num, t, o + R_DIVISOR);
        if (packed < 0) {
            return Wide.FAIL;
        }
        return (packed >>> 1) + (packed & ceil & 1);
    }

    /**
     * {@return the pending funding {@code ceil(S * delta / 10^(sizeDecimals + 18))}} of a size whose magnitude has
     * the given top 64 bits and leading zeros, and sign {@code isShort} ({@code -1} short, {@code 0} long), over the
     * signed 128-bit index move {@code (dh, dl)}, when the estimate proves it; else {@link #FAIL}
     */
    private static long funding(long sizeTop, long sizeZeros, long isShort, long dh, long dl, long[] t, int o) {
        if (dh > 0) {
            // the common case, a rising index that moved by 2^64 or more: its top bits are one count and two shifts
            long z = Long.numberOfLeadingZeros(dh);
            long top = (dh << z) | (dl >>> (64 - z));
            long estimate =
                    Wide.estimateFunding(sizeTop, sizeZeros, top, z, t[o + FUNDING_RECIPROCAL], t[o + FUNDING_SCALE]);
            if (estimate < 0) {
                return FAIL;
            }
            return (((estimate >>> 1) + (~isShort & 1)) ^ isShort) - isShort;
        }
        long deltaNegative = dh >> 63;
        long negative = isShort ^ deltaNegative;
        long mdh = (dh ^ deltaNegative) + (deltaNegative & Wide.isZero(dl));
        long mdl = (dl ^ deltaNegative) - deltaNegative;
        long zd = Wide.leadingZeros(mdh, mdl);
        long estimate = Wide.estimateFunding(
                sizeTop, sizeZeros, Wide.top(mdh, mdl, zd), zd, t[o + FUNDING_RECIPROCAL], t[o + FUNDING_SCALE]);
        if (estimate < 0) {
            return FAIL;
        }
        // proven inexact: a payer pays one more than the floor, a receiver receives the floor
        return (((estimate >>> 1) + (~negative & 1)) ^ negative) - negative;
    }

    /** {@return the pending funding of the signed size {@code (sh, sl)}, divided exactly in 192 bits}, or a fail */
    private static long exactFunding(long sh, long sl, long isShort, long dh, long dl, long[] t, int o) {
        long ml = (sl ^ isShort) - isShort;
        long mh = (sh ^ isShort) + (isShort & Wide.isZero(sl));
        long deltaNegative = dh >> 63;
        long negative = isShort ^ deltaNegative;
        dh = (dh ^ deltaNegative) + (deltaNegative & Wide.isZero(dl));
        dl = (dl ^ deltaNegative) - deltaNegative;
        if (((mh | dh) >>> 31) != 0) {
            return FAIL;
        }
        // |S| * |delta| in 192 bits; with both high words below 2^31 the top word cannot wrap
        long p0 = ml * dl;
        long p1 = Math.unsignedMultiplyHigh(ml, dl);
        long p2 = 0;
        if (dh != 0) {
            long lo = ml * dh;
            p2 = Math.unsignedMultiplyHigh(ml, dh);
            p1 += lo;
            p2 += Wide.carry(p1, lo);
        }
        if (mh != 0) {
            long lo = mh * dl;
            p2 += Math.unsignedMultiplyHigh(mh, dl) + mh * dh;
            p1 += lo;
            p2 += Wide.carry(p1, lo);
        }
        long packed = Wide.divide(p2, p1, p0, t, o + FUNDING);
        if (packed < 0) {
            return FAIL;
        }
        long q1 = packed >>> 1;
        long q = Wide.magicDivide(q1, t[o + FUNDING_MAGIC], t[o + FUNDING_MAGIC_SHIFT]);
        long inexact = (packed & 1) | (q * t[o + FUNDING_ODD] != q1 ? 1 : 0);
        // ceil: a payer pays the rounded-up magnitude, a receiver receives the rounded-down one
        return ((q + (inexact & ~negative)) ^ negative) - negative;
    }
}
