package dev.solvent.mirror.comet;

import dev.solvent.mirror.evm.Address;
import dev.solvent.mirror.evm.RevertException;
import dev.solvent.mirror.evm.StandardToken;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The mirror's answer to each {@link ViewCall}, rendered exactly as the chain side renders the real contract's: the
 * two lists are compared line by line after every action.
 */
final class MirrorViews {

    private MirrorViews() {}

    /** {@return each view's rendered result on the mirror} */
    static List<String> read(CometState s, CometBlock block, List<ViewCall> views) {
        List<String> out = new ArrayList<>(views.size());
        for (ViewCall v : views) {
            out.add(render(s, block, v));
        }
        return out;
    }

    static String render(CometState s, CometBlock block, ViewCall v) {
        try {
            return evaluate(s, block, v).stream().map(MirrorViews::text).collect(Collectors.joining(","));
        } catch (RevertException e) {
            return "revert " + e.revert();
        }
    }

    private static String text(Object o) {
        return switch (o) {
            case BigInteger b -> b.toString();
            case Address a -> a.hex();
            case Boolean b -> b.toString();
            case Integer i -> i.toString();
            case Long l -> l.toString();
            default -> throw new IllegalArgumentException("cannot render " + o);
        };
    }

    private static Address address(ViewCall v, int i) {
        return (Address) v.args().get(i);
    }

    private static List<Object> evaluate(CometState s, CometBlock block, ViewCall v) {
        if (!v.target().equals("comet")) {
            StandardToken token = CometViews.token(s, Address.of(v.target()));
            return switch (v.signature()) {
                case "balanceOf(address)" -> List.of(token.balanceOf(address(v, 0)));
                case "allowance(address,address)" -> List.of(token.allowance(address(v, 0), address(v, 1)));
                case "totalSupply()" -> List.of(token.totalSupply());
                default -> throw new IllegalArgumentException("no mirror for token view " + v.signature());
            };
        }
        return switch (v.signature()) {
            case "totalsBasic()" -> {
                TotalsBasic t = s.totalsBasic();
                yield List.of(
                        t.baseSupplyIndex(),
                        t.baseBorrowIndex(),
                        t.trackingSupplyIndex(),
                        t.trackingBorrowIndex(),
                        t.totalSupplyBase(),
                        t.totalBorrowBase(),
                        t.lastAccrualTime(),
                        t.pauseFlags());
            }
            case "totalsCollateral(address)" -> List.of(s.totalSupplyAsset(address(v, 0)), BigInteger.ZERO);
            case "userBasic(address)" -> {
                UserBasic u = s.userBasic(address(v, 0));
                yield List.of(u.principal(), u.baseTrackingIndex(), u.baseTrackingAccrued(), u.assetsIn(), 0);
            }
            case "collateralBalanceOf(address,address)" -> List.of(s.collateralBalanceOf(address(v, 0), address(v, 1)));
            case "baseTrackingAccrued(address)" ->
                List.of(s.userBasic(address(v, 0)).baseTrackingAccrued());
            case "liquidatorPoints(address)" -> {
                LiquidatorPoints p = s.liquidatorPoints(address(v, 0));
                yield List.of(p.numAbsorbs(), p.numAbsorbed(), p.approxSpend(), 0);
            }
            case "isAllowed(address,address)" -> List.of(s.isAllowed(address(v, 0), address(v, 1)));
            case "balanceOf(address)" -> List.of(CometViews.balanceOf(s, block, address(v, 0)));
            case "borrowBalanceOf(address)" -> List.of(CometViews.borrowBalanceOf(s, block, address(v, 0)));
            case "isLiquidatable(address)" -> List.of(CometViews.isLiquidatable(s, block, address(v, 0)));
            case "isBorrowCollateralized(address)" ->
                List.of(CometViews.isBorrowCollateralized(s, block, address(v, 0)));
            case "getReserves()" -> List.of(CometViews.getReserves(s, block));
            case "getCollateralReserves(address)" -> List.of(CometViews.getCollateralReserves(s, address(v, 0)));
            case "totalSupply()" -> List.of(CometViews.totalSupply(s, block));
            case "totalBorrow()" -> List.of(CometViews.totalBorrow(s, block));
            case "getUtilization()" -> List.of(CometViews.getUtilization(s));
            case "getSupplyRate(uint256)" ->
                List.of(CometViews.getSupplyRate(s, (BigInteger) v.args().get(0)));
            case "getBorrowRate(uint256)" ->
                List.of(CometViews.getBorrowRate(s, (BigInteger) v.args().get(0)));
            case "quoteCollateral(address,uint256)" ->
                List.of(CometViews.quoteCollateral(
                        s, block, address(v, 0), (BigInteger) v.args().get(1)));
            case "getPrice(address)" -> List.of(CometViews.getPrice(block, address(v, 0)));
            case "isSupplyPaused()" -> List.of(CometViews.isSupplyPaused(s));
            case "isAbsorbPaused()" -> List.of(CometViews.isAbsorbPaused(s));
            case "isBuyPaused()" -> List.of(CometViews.isBuyPaused(s));
            case "getAssetInfo(uint8)" -> {
                AssetInfo a = CometViews.getAssetInfo(s, ((BigInteger) v.args().get(0)).intValueExact());
                yield List.of(
                        a.offset(),
                        a.asset(),
                        a.priceFeed(),
                        a.scale(),
                        a.borrowCollateralFactor(),
                        a.liquidateCollateralFactor(),
                        a.liquidationFactor(),
                        a.supplyCap());
            }
            default -> throw new IllegalArgumentException("no mirror for view " + v.signature());
        };
    }
}
