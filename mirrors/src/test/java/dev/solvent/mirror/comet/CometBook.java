package dev.solvent.mirror.comet;

import dev.solvent.mirror.evm.Address;
import dev.solvent.mirror.evm.EvmRevert;
import dev.solvent.mirror.evm.Log;
import dev.solvent.mirror.evm.Word;
import dev.solvent.mirror.harness.AnvilChain;
import io.vavr.control.Either;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A book of many accounts in one real Comet market on anvil, and the same book in the mirror, built by the same calls:
 * for other modules' tests that read a live deployment (the live read of {@code solvent mirror}) and need a chain with
 * a realistic book and the mirror's own state to compare the read with.
 *
 * <p>The market is {@link CometDifferentialProperties#usdcMarket()}. A third of the accounts lend the base token, the
 * others supply collateral (one or both assets) and borrow 50% to 97% of what their collateral allows; some move base
 * or collateral to fresh accounts, some lenders withdraw. Each phase is mined as one block at one timestamp (automine
 * off, one JSON-RPC batch of transactions, then {@code evm_mine}), so that the calls of a phase do not depend on their
 * order in the block and the mirror can replay them in any order; phases are days apart, so interest accrues. Every
 * call must succeed on both sides. Seeded: the same seed gives the same book.
 */
public final class CometBook {

    private static final long DAY = 86_400;

    private final CometCampaign.Market market;
    private final List<Address> accounts;
    private CometState mirror;
    private final Map<Address, BigInteger> answers;
    private long time;

    private CometBook(CometCampaign.Market market, List<Address> accounts, CometState mirror, long time) {
        this.market = market;
        this.accounts = accounts;
        this.mirror = mirror;
        this.answers = new LinkedHashMap<>(market.answers);
        this.time = time;
    }

    /** {@return a market on {@code anvil} and in the mirror with a book of {@code size} accounts, from {@code seed}} */
    public static CometBook create(AnvilChain anvil, int size, long seed) {
        CometCampaign.Market market = CometCampaign.deploy(anvil, "usdc", CometDifferentialProperties.usdcMarket());
        List<Address> accounts = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            accounts.add(Address.ofNumber(0xB00C_0000_0000L + i));
        }
        CometBook book = new CometBook(market, List.copyOf(accounts), market.mirror, market.start + DAY);
        book.build(new SplittableRandom(seed));
        return book;
    }

    private void build(SplittableRandom random) {
        Address base = market.chain.baseToken();
        Address weth = market.chain.collateralTokens().get(0);
        Address wbtc = market.chain.collateralTokens().get(1);
        Address comet = market.chain.comet();
        BigInteger usdc = BigInteger.TEN.pow(6);
        List<CometCall> fund = new ArrayList<>();
        List<Address> borrowers = new ArrayList<>();
        Map<Address, BigInteger> capacityUsd = new HashMap<>();
        for (int i = 0; i < accounts.size(); i++) {
            Address a = accounts.get(i);
            if (i % 3 == 0) {
                BigInteger amount = usdc.multiply(BigInteger.valueOf(10_000 + random.nextInt(40_000)));
                fund.add(new CometCall.TokenAllocate(a, base, a, amount));
                fund.add(new CometCall.TokenApprove(a, base, comet, Word.UINT256_MAX));
                fund.add(new CometCall.Supply(a, base, amount));
            } else {
                borrowers.add(a);
                BigInteger capacity = BigInteger.ZERO;
                int kind = random.nextInt(3);
                if (kind != 1) {
                    // 0.5 to 5 WETH-like (18 decimals, 2,000 USD, borrow CF 0.825): at least 825 USD of capacity
                    BigInteger amount = BigInteger.TEN.pow(17).multiply(BigInteger.valueOf(5 + random.nextInt(46)));
                    fund.add(new CometCall.TokenAllocate(a, weth, a, amount));
                    fund.add(new CometCall.TokenApprove(a, weth, comet, Word.UINT256_MAX));
                    fund.add(new CometCall.Supply(a, weth, amount));
                    capacity = capacity.add(
                            amount.multiply(BigInteger.valueOf(2_000 * 825)).divide(BigInteger.TEN.pow(18 + 3)));
                }
                if (kind != 0) {
                    // 0.02 to 0.5 WBTC-like (8 decimals, 30,000 USD, borrow CF 0.7): at least 420 USD of capacity
                    BigInteger amount = BigInteger.TEN.pow(6).multiply(BigInteger.valueOf(2 + random.nextInt(49)));
                    fund.add(new CometCall.TokenAllocate(a, wbtc, a, amount));
                    fund.add(new CometCall.TokenApprove(a, wbtc, comet, Word.UINT256_MAX));
                    fund.add(new CometCall.Supply(a, wbtc, amount));
                    capacity = capacity.add(
                            amount.multiply(BigInteger.valueOf(30_000 * 7)).divide(BigInteger.TEN.pow(8 + 1)));
                }
                capacityUsd.put(a, capacity);
            }
        }
        phase(fund);
        time += DAY;

        List<CometCall> borrow = new ArrayList<>();
        for (Address a : borrowers) {
            // 50% to 97% of the capacity (at least 420 USD), in whole USD: at least 210 USD, above baseBorrowMin
            BigInteger usd = capacityUsd
                    .get(a)
                    .multiply(BigInteger.valueOf(50 + random.nextInt(48)))
                    .divide(BigInteger.valueOf(100));
            BigInteger amount = usd.multiply(usdc);
            borrow.add(new CometCall.Withdraw(a, base, amount));
        }
        phase(borrow);
        time += 30 * DAY;

        List<CometCall> moves = new ArrayList<>();
        int fresh = 0;
        for (int i = 0; i < accounts.size(); i++) {
            Address a = accounts.get(i);
            if (i % 3 == 0 && i % 9 == 0) {
                Address to = Address.ofNumber(0xF00D_0000_0000L + fresh++);
                moves.add(new CometCall.Transfer(a, to, usdc.multiply(BigInteger.valueOf(1_000))));
            } else if (i % 3 == 0 && i % 9 == 3) {
                moves.add(new CometCall.Withdraw(a, base, usdc.multiply(BigInteger.valueOf(500))));
            } else if (i % 3 != 0
                    && i % 7 == 0
                    && mirror.collateralBalanceOf(a, weth).signum() > 0) {
                Address to = Address.ofNumber(0xF00D_0000_0000L + fresh++);
                BigInteger tenth = mirror.collateralBalanceOf(a, weth).divide(BigInteger.valueOf(100));
                moves.add(new CometCall.TransferAsset(a, to, weth, tenth));
            }
        }
        phase(moves);
    }

    /** Mines {@code calls} as one block at {@link #time} on the chain, and replays them on the mirror. */
    private void phase(List<CometCall> calls) {
        AnvilChain anvil = market.chain.chain();
        Map<Address, Long> nonces = new LinkedHashMap<>();
        List<AnvilChain.Request> sends = new ArrayList<>();
        for (CometCall call : calls) {
            Address from = call.sender();
            long nonce = nonces.computeIfAbsent(
                    from, a -> AnvilChain.quantity(anvil.request("eth_getTransactionCount", a.hex(), "pending")));
            nonces.put(from, nonce + 1);
            Map<String, Object> tx = new LinkedHashMap<>();
            tx.put("from", from.hex());
            tx.put("to", market.chain.target(call).hex());
            tx.put("data", CometChain.encode(call));
            tx.put("gas", AnvilChain.hex(AnvilChain.GAS));
            tx.put("gasPrice", "0x0");
            tx.put("nonce", AnvilChain.hex(nonce));
            sends.add(AnvilChain.Request.of("eth_sendTransaction", tx));
        }
        anvil.request("evm_setAutomine", false);
        List<AnvilChain.Request> receipts = new ArrayList<>();
        try {
            for (int from = 0; from < sends.size(); from += 500) {
                for (var sent : anvil.batch(sends.subList(from, Math.min(sends.size(), from + 500)))) {
                    receipts.add(AnvilChain.Request.of(
                            "eth_getTransactionReceipt", AnvilChain.result(sent).asString()));
                }
            }
            anvil.request("evm_mine", time);
        } finally {
            anvil.request("evm_setAutomine", true);
        }
        for (int from = 0; from < receipts.size(); from += 500) {
            for (var r : anvil.batch(receipts.subList(from, Math.min(receipts.size(), from + 500)))) {
                var receipt = AnvilChain.result(r);
                if (receipt.isNull() || !"0x1".equals(receipt.path("status").asString())) {
                    throw new IllegalStateException("a book transaction was not mined or reverted: " + receipt);
                }
            }
        }
        CometBlock block = new CometBlock(time, BigInteger.ZERO, answers);
        for (CometCall call : calls) {
            Either<EvmRevert, CometReceipt> r = Comet.execute(mirror, call, block);
            if (r.isLeft()) {
                throw new IllegalStateException("the mirror reverted " + call + ": " + r.getLeft());
            }
            mirror = r.get().state();
        }
    }

    /** {@return the JSON-RPC URL of the chain} */
    public String url() {
        return market.chain.chain().url();
    }

    /** {@return the Comet's address} */
    public Address comet() {
        return market.chain.comet();
    }

    /** {@return the accounts the book was built for (fresh receivers of transfers are not listed)} */
    public List<Address> accounts() {
        return accounts;
    }

    /** {@return the collateral tokens, in the market's order} */
    public List<Address> collateralTokens() {
        return market.chain.collateralTokens();
    }

    /** {@return the collateral feeds, in the market's order} */
    public List<Address> collateralFeeds() {
        return market.chain.collateralFeeds();
    }

    /** {@return the mirror's own state, built by the same calls} */
    public CometState mirror() {
        return mirror;
    }

    /** {@return the feeds' answers now} */
    public Map<Address, BigInteger> answers() {
        return Map.copyOf(answers);
    }

    /** {@return the timestamp of the latest phase or price} */
    public long time() {
        return time;
    }

    /** Sets a feed's answer on the chain (in a block one hour after the latest) and in the book's answers. */
    public void setPrice(Address feed, BigInteger answer) {
        time += 3_600;
        market.chain.setPrice(feed, answer, time);
        answers.put(feed, answer);
    }

    /**
     * {@return the logs of {@code call} on the chain, or its revert} Mined in a block one hour after the latest; the
     * book's own mirror state is not advanced.
     */
    public Either<EvmRevert, List<Log>> executeOnChain(CometCall call) {
        time += 3_600;
        return market.chain.execute(call, time);
    }
}
