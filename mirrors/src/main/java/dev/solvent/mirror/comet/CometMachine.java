package dev.solvent.mirror.comet;

import static dev.solvent.mirror.comet.CometViews.error;
import static dev.solvent.mirror.comet.CometViews.mulFactor;
import static dev.solvent.mirror.comet.CometViews.presentValueSupply;
import static dev.solvent.mirror.comet.CometViews.safe128;
import static dev.solvent.mirror.comet.CometViews.safe64;
import static dev.solvent.mirror.comet.CometViews.signed256;
import static dev.solvent.mirror.evm.Word.addS;
import static dev.solvent.mirror.evm.Word.addU;
import static dev.solvent.mirror.evm.Word.div;
import static dev.solvent.mirror.evm.Word.mulU;
import static dev.solvent.mirror.evm.Word.negS;
import static dev.solvent.mirror.evm.Word.subS;
import static dev.solvent.mirror.evm.Word.subU;

import dev.solvent.mirror.evm.Address;
import dev.solvent.mirror.evm.EvmRevert;
import dev.solvent.mirror.evm.Log;
import dev.solvent.mirror.evm.StandardToken;
import dev.solvent.mirror.evm.Word;
import io.vavr.Tuple2;
import io.vavr.collection.Map;
import io.vavr.collection.Set;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * One call in progress: the state so far (each storage write derives a new immutable state) and the events so far.
 * Thrown away on a revert, so the caller's state is never touched. Methods are named as Comet's functions and follow
 * their order of effects, because the order decides which revert a failing call gives.
 */
final class CometMachine {

    private static final BigInteger UINT256_MAX = Word.UINT256_MAX;

    private final CometBlock block;
    private final List<Log> logs = new ArrayList<>();
    private CometState s;

    CometMachine(CometState state, CometBlock block) {
        this.s = state;
        this.block = block;
        this.totals = state.totalsBasic();
        this.totalsCollateral = state.totalsCollateral();
        this.userBasic = state.userBasic();
        this.userCollateral = state.userCollateral();
        this.isAllowed = state.isAllowed();
        this.liquidatorPoints = state.liquidatorPoints();
        this.tokens = state.tokens();
    }

    CometState state() {
        return s;
    }

    List<Log> logs() {
        return logs;
    }

    private Address comet() {
        return s.immutables().comet();
    }

    private Address baseToken() {
        return s.immutables().baseToken();
    }

    private void emit(String event, Object... args) {
        logs.add(Log.of(comet(), event, args));
    }

    void run(CometCall call) {
        switch (call) {
            case CometCall.Supply c -> supplyInternal(c.sender(), c.sender(), c.sender(), c.asset(), c.amount());
            case CometCall.SupplyTo c -> supplyInternal(c.sender(), c.sender(), c.dst(), c.asset(), c.amount());
            case CometCall.SupplyFrom c -> supplyInternal(c.sender(), c.from(), c.dst(), c.asset(), c.amount());
            case CometCall.Transfer c -> transferInternal(c.sender(), c.sender(), c.dst(), baseToken(), c.amount());
            case CometCall.TransferFrom c -> transferInternal(c.sender(), c.src(), c.dst(), baseToken(), c.amount());
            case CometCall.TransferAsset c -> transferInternal(c.sender(), c.sender(), c.dst(), c.asset(), c.amount());
            case CometCall.TransferAssetFrom c -> transferInternal(c.sender(), c.src(), c.dst(), c.asset(), c.amount());
            case CometCall.Withdraw c -> withdrawInternal(c.sender(), c.sender(), c.sender(), c.asset(), c.amount());
            case CometCall.WithdrawTo c -> withdrawInternal(c.sender(), c.sender(), c.to(), c.asset(), c.amount());
            case CometCall.WithdrawFrom c -> withdrawInternal(c.sender(), c.src(), c.to(), c.asset(), c.amount());
            case CometCall.Absorb c -> absorb(c.absorber(), c.accounts());
            case CometCall.BuyCollateral c ->
                buyCollateral(c.sender(), c.asset(), c.minAmount(), c.baseAmount(), c.recipient());
            case CometCall.WithdrawReserves c -> withdrawReserves(c.sender(), c.to(), c.amount());
            case CometCall.ApproveThis c -> approveThis(c.sender(), c.manager(), c.asset(), c.amount());
            case CometCall.Pause c -> pause(c);
            case CometCall.AccrueAccount c -> {
                accrueInternal();
                UserBasic basic = s.userBasic(c.account());
                updateBasePrincipal(c.account(), basic, basic.principal());
            }
            case CometCall.InitializeStorage c -> {
                // Comet.initializeStorage: lastAccrualTime is set at deployment, so a second call always reverts
                if (s.totalsBasic().lastAccrualTime() != 0) {
                    throw error("AlreadyInitialized").raise();
                }
                throw new EvmRevert.NotMirrored("initializeStorage on a market deployed at time 0").raise();
            }
            case CometCall.Allow c -> allowInternal(c.sender(), c.manager(), c.isAllowed());
            case CometCall.Approve c -> {
                // CometExt.approve: only "all" or "nothing"
                if (c.amount().equals(UINT256_MAX)) {
                    allowInternal(c.sender(), c.spender(), true);
                } else if (c.amount().signum() == 0) {
                    allowInternal(c.sender(), c.spender(), false);
                } else {
                    throw error("BadAmount").raise();
                }
            }
            case CometCall.AllowBySig c -> throw new EvmRevert.NotMirrored("allowBySig (signature recovery)").raise();
            case CometCall.TokenAllocate c ->
                putToken(CometViews.token(s, c.token()).allocateTo(c.owner(), c.value(), logs::add));
            case CometCall.TokenApprove c ->
                putToken(CometViews.token(s, c.token()).approve(c.sender(), c.spender(), c.amount(), logs::add));
            case CometCall.TokenTransfer c ->
                putToken(CometViews.token(s, c.token()).transfer(c.sender(), c.dst(), c.amount(), logs::add));
        }
    }

    // ---- storage writes: each changes one component, then derives the next immutable state from them all

    private TotalsBasic totals;
    private Map<Address, BigInteger> totalsCollateral;
    private Map<Address, UserBasic> userBasic;
    private Map<Tuple2<Address, Address>, BigInteger> userCollateral;
    private Set<Tuple2<Address, Address>> isAllowed;
    private Map<Address, LiquidatorPoints> liquidatorPoints;
    private Map<Address, StandardToken> tokens;

    private void commit() {
        s = new CometState(
                s.immutables(),
                totals,
                totalsCollateral,
                userBasic,
                userCollateral,
                isAllowed,
                liquidatorPoints,
                tokens);
    }

    private void putToken(StandardToken token) {
        tokens = tokens.put(token.address(), token);
        commit();
    }

    private void putTotals(TotalsBasic next) {
        totals = next;
        commit();
    }

    private void putUserBasic(Address account, UserBasic basic) {
        userBasic = userBasic.put(account, basic);
        commit();
    }

    private void putCollateral(Address account, Address asset, BigInteger balance) {
        userCollateral = userCollateral.put(new Tuple2<>(account, asset), balance);
        commit();
    }

    private void putTotalSupplyAsset(Address asset, BigInteger total) {
        totalsCollateral = totalsCollateral.put(asset, total);
        commit();
    }

    private void putPoints(Address absorber, LiquidatorPoints points) {
        liquidatorPoints = liquidatorPoints.put(absorber, points);
        commit();
    }

    private void putAllowed(Address owner, Address manager, boolean allowed) {
        Tuple2<Address, Address> key = new Tuple2<>(owner, manager);
        isAllowed = allowed ? isAllowed.add(key) : isAllowed.remove(key);
        commit();
    }

    // ---- interest and principal

    /** {@code accrueInternal()}: indices and reward-tracking indices forward to now. */
    private void accrueInternal() {
        long now = CometViews.now(block);
        BigInteger elapsed = CometViews.elapsed(s, block);
        if (elapsed.signum() > 0) {
            BigInteger[] idx = CometViews.accruedInterestIndices(s, elapsed);
            TotalsBasic t = s.totalsBasic().withIndices(idx[0], idx[1]);
            CometImmutables c = s.immutables();
            BigInteger trackingSupply = t.trackingSupplyIndex();
            BigInteger trackingBorrow = t.trackingBorrowIndex();
            if (t.totalSupplyBase().compareTo(c.baseMinForRewards()) >= 0) {
                trackingSupply = addU(
                        trackingSupply,
                        safe64(divBaseWei(mulU(c.baseTrackingSupplySpeed(), elapsed, 256), t.totalSupplyBase())),
                        64);
            }
            if (t.totalBorrowBase().compareTo(c.baseMinForRewards()) >= 0) {
                trackingBorrow = addU(
                        trackingBorrow,
                        safe64(divBaseWei(mulU(c.baseTrackingBorrowSpeed(), elapsed, 256), t.totalBorrowBase())),
                        64);
            }
            putTotals(t.withTracking(trackingSupply, trackingBorrow, now));
        }
    }

    private BigInteger divBaseWei(BigInteger n, BigInteger baseWei) {
        return div(mulU(n, s.immutables().baseScale(), 256), baseWei);
    }

    /** {@code updateBasePrincipal}: books reward accrual on the old principal, then stores the new one. */
    private void updateBasePrincipal(Address account, UserBasic basic, BigInteger principalNew) {
        TotalsBasic t = s.totalsBasic();
        CometImmutables c = s.immutables();
        BigInteger principal = basic.principal();
        BigInteger trackingIndex = principal.signum() >= 0 ? t.trackingSupplyIndex() : t.trackingBorrowIndex();
        BigInteger indexDelta = subU(trackingIndex, basic.baseTrackingIndex(), 64);
        BigInteger accrued =
                div(div(mulU(principal.abs(), indexDelta, 256), c.trackingIndexScale()), c.accrualDescaleFactor());
        BigInteger trackingAccrued = addU(basic.baseTrackingAccrued(), safe64(accrued), 64);
        BigInteger newIndex = principalNew.signum() >= 0 ? t.trackingSupplyIndex() : t.trackingBorrowIndex();
        putUserBasic(account, new UserBasic(principalNew, newIndex, trackingAccrued, basic.assetsIn()));
    }

    /** {@code repayAndSupplyAmount}: {@code int104} arithmetic, checked. */
    private static BigInteger[] repayAndSupplyAmount(BigInteger oldPrincipal, BigInteger newPrincipal) {
        if (newPrincipal.compareTo(oldPrincipal) < 0) {
            return new BigInteger[] {BigInteger.ZERO, BigInteger.ZERO};
        }
        if (newPrincipal.signum() <= 0) {
            return new BigInteger[] {subS(newPrincipal, oldPrincipal, 104), BigInteger.ZERO};
        } else if (oldPrincipal.signum() >= 0) {
            return new BigInteger[] {BigInteger.ZERO, subS(newPrincipal, oldPrincipal, 104)};
        } else {
            return new BigInteger[] {negS(oldPrincipal, 104), newPrincipal};
        }
    }

    /** {@code withdrawAndBorrowAmount}: {@code int104} arithmetic, checked. */
    private static BigInteger[] withdrawAndBorrowAmount(BigInteger oldPrincipal, BigInteger newPrincipal) {
        if (newPrincipal.compareTo(oldPrincipal) > 0) {
            return new BigInteger[] {BigInteger.ZERO, BigInteger.ZERO};
        }
        if (newPrincipal.signum() >= 0) {
            return new BigInteger[] {subS(oldPrincipal, newPrincipal, 104), BigInteger.ZERO};
        } else if (oldPrincipal.signum() <= 0) {
            return new BigInteger[] {BigInteger.ZERO, subS(oldPrincipal, newPrincipal, 104)};
        } else {
            return new BigInteger[] {oldPrincipal, negS(newPrincipal, 104)};
        }
    }

    private void updateAssetsIn(Address account, AssetInfo info, BigInteger initial, BigInteger fin) {
        UserBasic basic = s.userBasic(account);
        if (initial.signum() == 0 && fin.signum() != 0) {
            putUserBasic(account, basic.withAssetsIn(basic.assetsIn() | (1 << info.offset())));
        } else if (initial.signum() != 0 && fin.signum() == 0) {
            putUserBasic(account, basic.withAssetsIn(basic.assetsIn() & ~(1 << info.offset()) & 0xffff));
        }
    }

    // ---- token movements

    /** {@code doTransferIn}: pulls with {@code transferFrom} and returns what Comet's balance grew by. */
    private BigInteger doTransferIn(Address asset, Address from, BigInteger amount) {
        StandardToken token = CometViews.token(s, asset);
        BigInteger before = token.balanceOf(comet());
        StandardToken after = token.transferFrom(comet(), from, comet(), amount, logs::add);
        putToken(after);
        return subU(after.balanceOf(comet()), before, 256);
    }

    private void doTransferOut(Address asset, Address to, BigInteger amount) {
        putToken(CometViews.token(s, asset).transfer(comet(), to, amount, logs::add));
    }

    // ---- supply

    private void supplyInternal(Address operator, Address from, Address dst, Address asset, BigInteger amount) {
        if (CometViews.isSupplyPaused(s)) {
            throw error("Paused").raise();
        }
        if (!CometViews.hasPermission(s, from, operator)) {
            throw error("Unauthorized").raise();
        }
        if (asset.equals(baseToken())) {
            if (amount.equals(UINT256_MAX)) {
                amount = CometViews.borrowBalanceOf(s, block, dst);
            }
            supplyBase(from, dst, amount);
        } else {
            supplyCollateral(from, dst, asset, safe128(amount));
        }
    }

    private void supplyBase(Address from, Address dst, BigInteger amount) {
        amount = doTransferIn(baseToken(), from, amount);
        accrueInternal();
        UserBasic dstUser = s.userBasic(dst);
        BigInteger dstPrincipal = dstUser.principal();
        BigInteger dstBalance = addS(CometViews.presentValue(s, dstPrincipal), signed256(amount), 256);
        BigInteger dstPrincipalNew = CometViews.principalValue(s, dstBalance);
        BigInteger[] repaySupply = repayAndSupplyAmount(dstPrincipal, dstPrincipalNew);
        TotalsBasic t = s.totalsBasic();
        putTotals(t.withTotals(
                addU(t.totalSupplyBase(), repaySupply[1], 104), subU(t.totalBorrowBase(), repaySupply[0], 104)));
        updateBasePrincipal(dst, dstUser, dstPrincipalNew);
        emit("Supply", from, dst, amount);
        if (repaySupply[1].signum() > 0) {
            emit(
                    "Transfer",
                    Address.ZERO,
                    dst,
                    presentValueSupply(s.totalsBasic().baseSupplyIndex(), repaySupply[1]));
        }
    }

    private void supplyCollateral(Address from, Address dst, Address asset, BigInteger amount) {
        amount = safe128(doTransferIn(asset, from, amount));
        AssetInfo info = CometViews.getAssetInfoByAddress(s, asset);
        BigInteger total = addU(s.totalSupplyAsset(asset), amount, 128);
        if (total.compareTo(info.supplyCap()) > 0) {
            throw error("SupplyCapExceeded").raise();
        }
        BigInteger dstCollateral = s.collateralBalanceOf(dst, asset);
        BigInteger dstCollateralNew = addU(dstCollateral, amount, 128);
        putTotalSupplyAsset(asset, total);
        putCollateral(dst, asset, dstCollateralNew);
        updateAssetsIn(dst, info, dstCollateral, dstCollateralNew);
        emit("SupplyCollateral", from, dst, asset, amount);
    }

    // ---- transfer

    private void transferInternal(Address operator, Address src, Address dst, Address asset, BigInteger amount) {
        if (CometViews.isTransferPaused(s)) {
            throw error("Paused").raise();
        }
        if (!CometViews.hasPermission(s, src, operator)) {
            throw error("Unauthorized").raise();
        }
        if (src.equals(dst)) {
            throw error("NoSelfTransfer").raise();
        }
        if (asset.equals(baseToken())) {
            if (amount.equals(UINT256_MAX)) {
                amount = CometViews.balanceOf(s, block, src);
            }
            transferBase(src, dst, amount);
        } else {
            transferCollateral(src, dst, asset, safe128(amount));
        }
    }

    private void transferBase(Address src, Address dst, BigInteger amount) {
        accrueInternal();
        UserBasic srcUser = s.userBasic(src);
        UserBasic dstUser = s.userBasic(dst);
        BigInteger srcPrincipal = srcUser.principal();
        BigInteger dstPrincipal = dstUser.principal();
        BigInteger srcBalance = subS(CometViews.presentValue(s, srcPrincipal), signed256(amount), 256);
        BigInteger dstBalance = addS(CometViews.presentValue(s, dstPrincipal), signed256(amount), 256);
        BigInteger srcPrincipalNew = CometViews.principalValue(s, srcBalance);
        BigInteger dstPrincipalNew = CometViews.principalValue(s, dstBalance);
        BigInteger[] withdrawBorrow = withdrawAndBorrowAmount(srcPrincipal, srcPrincipalNew);
        BigInteger[] repaySupply = repayAndSupplyAmount(dstPrincipal, dstPrincipalNew);
        TotalsBasic t = s.totalsBasic();
        // Comet.transferBase: `total + add - sub`, each step a checked uint104
        BigInteger supply = subU(addU(t.totalSupplyBase(), repaySupply[1], 104), withdrawBorrow[0], 104);
        BigInteger borrow = subU(addU(t.totalBorrowBase(), withdrawBorrow[1], 104), repaySupply[0], 104);
        putTotals(t.withTotals(supply, borrow));
        updateBasePrincipal(src, srcUser, srcPrincipalNew);
        // dstUser was read before src's update: for src != dst the two records are independent
        updateBasePrincipal(dst, dstUser, dstPrincipalNew);
        if (srcBalance.signum() < 0) {
            if (srcBalance.negate().compareTo(s.immutables().baseBorrowMin()) < 0) {
                throw error("BorrowTooSmall").raise();
            }
            if (!CometViews.isBorrowCollateralized(s, block, src)) {
                throw error("NotCollateralized").raise();
            }
        }
        BigInteger index = s.totalsBasic().baseSupplyIndex();
        if (withdrawBorrow[0].signum() > 0) {
            emit("Transfer", src, Address.ZERO, presentValueSupply(index, withdrawBorrow[0]));
        }
        if (repaySupply[1].signum() > 0) {
            emit("Transfer", Address.ZERO, dst, presentValueSupply(index, repaySupply[1]));
        }
    }

    private void transferCollateral(Address src, Address dst, Address asset, BigInteger amount) {
        BigInteger srcCollateral = s.collateralBalanceOf(src, asset);
        BigInteger dstCollateral = s.collateralBalanceOf(dst, asset);
        BigInteger srcCollateralNew = subU(srcCollateral, amount, 128);
        BigInteger dstCollateralNew = addU(dstCollateral, amount, 128);
        putCollateral(src, asset, srcCollateralNew);
        putCollateral(dst, asset, dstCollateralNew);
        AssetInfo info = CometViews.getAssetInfoByAddress(s, asset);
        updateAssetsIn(src, info, srcCollateral, srcCollateralNew);
        updateAssetsIn(dst, info, dstCollateral, dstCollateralNew);
        // Comet.transferCollateral: no accrual before the check (BorrowCF < LiquidateCF covers it)
        if (!CometViews.isBorrowCollateralized(s, block, src)) {
            throw error("NotCollateralized").raise();
        }
        emit("TransferCollateral", src, dst, asset, amount);
    }

    // ---- withdraw

    private void withdrawInternal(Address operator, Address src, Address to, Address asset, BigInteger amount) {
        if (CometViews.isWithdrawPaused(s)) {
            throw error("Paused").raise();
        }
        if (!CometViews.hasPermission(s, src, operator)) {
            throw error("Unauthorized").raise();
        }
        if (asset.equals(baseToken())) {
            if (amount.equals(UINT256_MAX)) {
                amount = CometViews.balanceOf(s, block, src);
            }
            withdrawBase(src, to, amount);
        } else {
            withdrawCollateral(src, to, asset, safe128(amount));
        }
    }

    private void withdrawBase(Address src, Address to, BigInteger amount) {
        accrueInternal();
        UserBasic srcUser = s.userBasic(src);
        BigInteger srcPrincipal = srcUser.principal();
        BigInteger srcBalance = subS(CometViews.presentValue(s, srcPrincipal), signed256(amount), 256);
        BigInteger srcPrincipalNew = CometViews.principalValue(s, srcBalance);
        BigInteger[] withdrawBorrow = withdrawAndBorrowAmount(srcPrincipal, srcPrincipalNew);
        TotalsBasic t = s.totalsBasic();
        putTotals(t.withTotals(
                subU(t.totalSupplyBase(), withdrawBorrow[0], 104), addU(t.totalBorrowBase(), withdrawBorrow[1], 104)));
        updateBasePrincipal(src, srcUser, srcPrincipalNew);
        if (srcBalance.signum() < 0) {
            if (srcBalance.negate().compareTo(s.immutables().baseBorrowMin()) < 0) {
                throw error("BorrowTooSmall").raise();
            }
            if (!CometViews.isBorrowCollateralized(s, block, src)) {
                throw error("NotCollateralized").raise();
            }
        }
        doTransferOut(baseToken(), to, amount);
        emit("Withdraw", src, to, amount);
        if (withdrawBorrow[0].signum() > 0) {
            emit(
                    "Transfer",
                    src,
                    Address.ZERO,
                    presentValueSupply(s.totalsBasic().baseSupplyIndex(), withdrawBorrow[0]));
        }
    }

    private void withdrawCollateral(Address src, Address to, Address asset, BigInteger amount) {
        BigInteger srcCollateral = s.collateralBalanceOf(src, asset);
        BigInteger srcCollateralNew = subU(srcCollateral, amount, 128);
        putTotalSupplyAsset(asset, subU(s.totalSupplyAsset(asset), amount, 128));
        putCollateral(src, asset, srcCollateralNew);
        AssetInfo info = CometViews.getAssetInfoByAddress(s, asset);
        updateAssetsIn(src, info, srcCollateral, srcCollateralNew);
        if (!CometViews.isBorrowCollateralized(s, block, src)) {
            throw error("NotCollateralized").raise();
        }
        doTransferOut(asset, to, amount);
        emit("WithdrawCollateral", src, to, asset, amount);
    }

    // ---- absorb

    private void absorb(Address absorber, List<Address> accounts) {
        if (CometViews.isAbsorbPaused(s)) {
            throw error("Paused").raise();
        }
        accrueInternal();
        for (Address account : accounts) {
            absorbInternal(absorber, account);
        }
        LiquidatorPoints points = s.liquidatorPoints(absorber);
        if (points.numAbsorbs() == 0xffff_ffffL) {
            throw EvmRevert.OVERFLOW.raise();
        }
        putPoints(
                absorber,
                new LiquidatorPoints(
                        points.numAbsorbs() + 1,
                        addU(points.numAbsorbed(), safe64(BigInteger.valueOf(accounts.size())), 64),
                        // gasUsed * block.basefee: gas is the EVM's; exact only at a zero base fee
                        points.approxSpend()));
    }

    private void absorbInternal(Address absorber, Address account) {
        if (!CometViews.isLiquidatable(s, block, account)) {
            throw error("NotLiquidatable").raise();
        }
        UserBasic accountUser = s.userBasic(account);
        BigInteger oldPrincipal = accountUser.principal();
        BigInteger oldBalance = CometViews.presentValue(s, oldPrincipal);
        int assetsIn = accountUser.assetsIn();
        CometImmutables c = s.immutables();
        BigInteger basePrice = CometViews.getPrice(block, c.baseTokenPriceFeed());
        BigInteger deltaValue = BigInteger.ZERO;
        for (int i = 0; i < c.numAssets(); i++) {
            if ((assetsIn & (1 << i)) != 0) {
                AssetInfo info = CometViews.getAssetInfo(s, i);
                Address asset = info.asset();
                BigInteger seizeAmount = s.collateralBalanceOf(account, asset);
                putCollateral(account, asset, BigInteger.ZERO);
                putTotalSupplyAsset(asset, subU(s.totalSupplyAsset(asset), seizeAmount, 128));
                BigInteger value =
                        CometViews.mulPrice(seizeAmount, CometViews.getPrice(block, info.priceFeed()), info.scale());
                deltaValue = addU(deltaValue, mulFactor(value, info.liquidationFactor()), 256);
                emit("AbsorbCollateral", absorber, account, asset, seizeAmount, value);
            }
        }
        BigInteger deltaBalance = CometViews.divPrice(deltaValue, basePrice, c.baseScale());
        BigInteger newBalance = addS(oldBalance, signed256(deltaBalance), 256);
        // Comet.absorbInternal: the debt the collateral does not cover is absorbed by reserves
        if (newBalance.signum() < 0) {
            newBalance = BigInteger.ZERO;
        }
        BigInteger newPrincipal = CometViews.principalValue(s, newBalance);
        // accountUser was read before the loop, so updateBasePrincipal writes back the old assetsIn; then it is reset
        updateBasePrincipal(account, accountUser, newPrincipal);
        putUserBasic(account, s.userBasic(account).withAssetsIn(0));
        BigInteger[] repaySupply = repayAndSupplyAmount(oldPrincipal, newPrincipal);
        TotalsBasic t = s.totalsBasic();
        putTotals(t.withTotals(
                addU(t.totalSupplyBase(), repaySupply[1], 104), subU(t.totalBorrowBase(), repaySupply[0], 104)));
        BigInteger basePaidOut = CometViews.unsigned256(subS(newBalance, oldBalance, 256));
        BigInteger valueOfBasePaidOut = CometViews.mulPrice(basePaidOut, basePrice, c.baseScale());
        emit("AbsorbDebt", absorber, account, basePaidOut, valueOfBasePaidOut);
        if (newPrincipal.signum() > 0) {
            emit(
                    "Transfer",
                    Address.ZERO,
                    account,
                    presentValueSupply(s.totalsBasic().baseSupplyIndex(), newPrincipal));
        }
    }

    // ---- reserves

    private void buyCollateral(
            Address buyer, Address asset, BigInteger minAmount, BigInteger baseAmount, Address recipient) {
        if (CometViews.isBuyPaused(s)) {
            throw error("Paused").raise();
        }
        BigInteger reserves = CometViews.getReserves(s, block);
        if (reserves.signum() >= 0 && reserves.compareTo(s.immutables().targetReserves()) >= 0) {
            throw error("NotForSale").raise();
        }
        baseAmount = doTransferIn(baseToken(), buyer, baseAmount);
        BigInteger collateralAmount = CometViews.quoteCollateral(s, block, asset, baseAmount);
        if (collateralAmount.compareTo(minAmount) < 0) {
            throw error("TooMuchSlippage").raise();
        }
        if (collateralAmount.compareTo(CometViews.getCollateralReserves(s, asset)) > 0) {
            throw error("InsufficientReserves").raise();
        }
        doTransferOut(asset, recipient, safe128(collateralAmount));
        emit("BuyCollateral", buyer, asset, baseAmount, collateralAmount);
    }

    private void withdrawReserves(Address sender, Address to, BigInteger amount) {
        if (!sender.equals(s.immutables().governor())) {
            throw error("Unauthorized").raise();
        }
        BigInteger reserves = CometViews.getReserves(s, block);
        if (reserves.signum() < 0 || amount.compareTo(reserves) > 0) {
            throw error("InsufficientReserves").raise();
        }
        doTransferOut(baseToken(), to, amount);
        emit("WithdrawReserves", to, amount);
    }

    private void approveThis(Address sender, Address manager, Address asset, BigInteger amount) {
        if (!sender.equals(s.immutables().governor())) {
            throw error("Unauthorized").raise();
        }
        putToken(CometViews.token(s, asset).approve(comet(), manager, amount, logs::add));
    }

    private void pause(CometCall.Pause c) {
        CometImmutables im = s.immutables();
        if (!c.sender().equals(im.governor()) && !c.sender().equals(im.pauseGuardian())) {
            throw error("Unauthorized").raise();
        }
        int flags = (c.supplyPaused() ? 1 : 0) << CometViews.PAUSE_SUPPLY
                | (c.transferPaused() ? 1 : 0) << CometViews.PAUSE_TRANSFER
                | (c.withdrawPaused() ? 1 : 0) << CometViews.PAUSE_WITHDRAW
                | (c.absorbPaused() ? 1 : 0) << CometViews.PAUSE_ABSORB
                | (c.buyPaused() ? 1 : 0) << CometViews.PAUSE_BUY;
        putTotals(s.totalsBasic().withPauseFlags(flags));
        emit("PauseAction", c.supplyPaused(), c.transferPaused(), c.withdrawPaused(), c.absorbPaused(), c.buyPaused());
    }

    private void allowInternal(Address owner, Address manager, boolean allowed) {
        putAllowed(owner, manager, allowed);
        emit("Approval", owner, manager, allowed ? UINT256_MAX : BigInteger.ZERO);
    }
}
