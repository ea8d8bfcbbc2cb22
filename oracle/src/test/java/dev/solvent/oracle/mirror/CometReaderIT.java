package dev.solvent.oracle.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.solvent.mirror.comet.Comet;
import dev.solvent.mirror.comet.CometBlock;
import dev.solvent.mirror.comet.CometBook;
import dev.solvent.mirror.comet.CometCall;
import dev.solvent.mirror.comet.CometReceipt;
import dev.solvent.mirror.comet.CometState;
import dev.solvent.mirror.comet.CometViews;
import dev.solvent.mirror.comet.UserBasic;
import dev.solvent.mirror.evm.Address;
import dev.solvent.mirror.evm.EvmRevert;
import dev.solvent.mirror.evm.Log;
import dev.solvent.mirror.harness.AnvilChain;
import dev.solvent.oracle.rpc.RpcSettings;
import dev.solvent.oracle.rpc.RpcUrl;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The live read against the real Comet on anvil: a book of 120 accounts built through the contracts (and the same
 * calls replayed on the mirror), read back at the latest block, compared with the mirror's own state, every view
 * checked against the deployment's; then a price shock, and the mirror's absorb from the read state compared with the
 * real contract's absorb, and the market read again after it.
 */
@Tag("integration")
class CometReaderIT {

    private static final int ACCOUNTS = 120;
    private static final Address ABSORBER = Address.ofNumber(0xAB50_0001L);

    private static Either<String, AnvilChain> started;
    private static CometBook book;

    @BeforeAll
    static void buildTheBook() {
        started = AnvilChain.start();
        started.forEach(anvil -> book = CometBook.create(anvil, ACCOUNTS, 19));
    }

    @AfterAll
    static void stopAnvil() {
        if (started != null) {
            started.forEach(AnvilChain::close);
        }
    }

    private static CometSnapshot read(CometReader reader) {
        Either<ReadFailure, CometSnapshot> read = reader.read(book.comet(), Option.none(), 0, 10_000, line -> {});
        assertThat(read.isRight()).as(() -> read.getLeft().message()).isTrue();
        return read.get();
    }

    @Test
    void readsTheBookExactlyAndEveryViewMatchesThenAbsorbsAsTheContractDoes() {
        assumeTrue(started.isRight(), started::getLeft);
        try (CometReader reader = CometReader.create(new RpcUrl(book.url()), RpcSettings.DEFAULTS)) {
            CometSnapshot snapshot = read(reader);

            // the state read equals the mirror's own, built by replaying the same calls
            assertThat(CometStates.comparable(snapshot.state())).isEqualTo(CometStates.comparable(book.mirror()));
            for (Address a : book.accounts()) {
                assertThat(snapshot.state().userBasic().containsKey(a))
                        .as("found " + a)
                        .isTrue();
            }
            assertThat(snapshot.block().timestamp()).isEqualTo(book.time());
            assertThat(snapshot.block().answers()).isEqualTo(book.answers());
            assertThat(snapshot.chainId()).isEqualTo(31_337);
            long borrowers = snapshot.state()
                    .userBasic()
                    .values()
                    .count(u -> u.principal().signum() < 0);
            assertThat(borrowers).isGreaterThan(ACCOUNTS / 2);

            // the state file holds it exactly
            String file = CometStateFile.write(snapshot);
            assertThat(CometStateFile.read(file)).isEqualTo(Either.right(snapshot));

            // every view of every account equals the deployment's at that block
            assertThat(reader.verify(snapshot)).isEqualTo(Either.right(List.of()));

            // a state that is not the deployment's is caught, naming the account and the field
            Address victim = book.accounts().get(1);
            UserBasic u = snapshot.state().userBasic(victim);
            CometState tampered = new CometState(
                    snapshot.state().immutables(),
                    snapshot.state().totalsBasic(),
                    snapshot.state().totalsCollateral(),
                    snapshot.state()
                            .userBasic()
                            .put(
                                    victim,
                                    new UserBasic(
                                            u.principal().subtract(BigInteger.ONE),
                                            u.baseTrackingIndex(),
                                            u.baseTrackingAccrued(),
                                            u.assetsIn())),
                    snapshot.state().userCollateral(),
                    snapshot.state().isAllowed(),
                    snapshot.state().liquidatorPoints(),
                    snapshot.state().tokens());
            List<Disagreement> caught = reader.verify(new CometSnapshot(
                            snapshot.chainId(),
                            snapshot.blockNumber(),
                            snapshot.blockHash(),
                            snapshot.block(),
                            tampered))
                    .get();
            assertThat(caught).isNotEmpty();
            assertThat(caught).allMatch(d -> d.subject().equals(victim.hex()));
            assertThat(caught).extracting(Disagreement::field).contains("borrowBalanceOf");

            // shock: WETH-like collateral from 2,000 to 1,500 USD
            Address wethFeed = book.collateralFeeds().get(0);
            book.setPrice(wethFeed, BigInteger.valueOf(1_500).multiply(BigInteger.TEN.pow(8)));
            CometSnapshot shocked = read(reader);
            assertThat(reader.verify(shocked)).isEqualTo(Either.right(List.of()));

            long at = book.time() + 3_600;
            CometBlock block = shocked.block().at(at);
            List<Address> underwater = new ArrayList<>();
            for (Address a : shocked.state().userBasic().keySet().toSortedSet()) {
                if (CometViews.isLiquidatable(shocked.state(), block, a)) {
                    underwater.add(a);
                }
            }
            assertThat(underwater).hasSizeGreaterThan(5);
            CometCall absorb = new CometCall.Absorb(ABSORBER, ABSORBER, underwater);
            Either<EvmRevert, CometReceipt> mine = Comet.execute(shocked.state(), absorb, block);
            Either<EvmRevert, List<Log>> real = book.executeOnChain(absorb);
            assertThat(book.time()).isEqualTo(at);
            assertThat(mine.map(CometReceipt::logs)).isEqualTo(real);
            assertThat(mine.isRight()).isTrue();

            CometSnapshot after = read(reader);
            CometState absorbed = mine.get().state();
            assertThat(CometStates.comparable(after.state())).isEqualTo(CometStates.comparable(absorbed));
            assertThat(after.state().liquidatorPoints(ABSORBER).numAbsorbs()).isEqualTo(1);
            for (Address a : underwater) {
                assertThat(after.state().userBasic(a).principal().signum()).isGreaterThanOrEqualTo(0);
                for (Address asset : book.collateralTokens()) {
                    assertThat(after.state().collateralBalanceOf(a, asset)).isZero();
                }
            }
            assertThat(reader.verify(after)).isEqualTo(Either.right(List.of()));
        }
    }
}
