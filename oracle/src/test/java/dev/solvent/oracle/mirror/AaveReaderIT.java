package dev.solvent.oracle.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.solvent.mirror.aave.AaveBook;
import dev.solvent.mirror.aave.AaveCall;
import dev.solvent.mirror.aave.AaveState;
import dev.solvent.mirror.aave.AaveVersion;
import dev.solvent.mirror.aave.AaveViews;
import dev.solvent.mirror.evm.Address;
import dev.solvent.mirror.evm.Word;
import dev.solvent.mirror.harness.AnvilChain;
import dev.solvent.oracle.rpc.RpcSettings;
import dev.solvent.oracle.rpc.RpcUrl;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The live read against the real Aave v3 Pool on anvil, both versions: a book of 300 users built through the Pool
 * (and the same calls on the mirror), read back at the latest block, compared with the mirror's own state, every view
 * checked against the deployment's; then a price shock, the mirror's {@code liquidationCall}s from the read state
 * compared with the real Pool's (same events), and the market read again after them.
 */
@Tag("integration")
class AaveReaderIT {

    private static final int USERS = 300;
    private static final Address KEEPER = Address.ofNumber(0xAAB1_0001L);

    private static AaveSnapshot read(AaveReader reader, AaveBook book) {
        Either<ReadFailure, AaveSnapshot> read =
                reader.read(book.pool(), Option.none(), 0, 10_000, Option.none(), line -> {});
        assertThat(read.isRight()).as(() -> read.getLeft().message()).isTrue();
        return read.get();
    }

    @ParameterizedTest
    @EnumSource(AaveVersion.class)
    void readsTheBookExactlyAndEveryViewMatchesThenLiquidatesAsThePoolDoes(AaveVersion version) {
        Either<String, AnvilChain> started = AnvilChain.start();
        assumeTrue(started.isRight(), started::getLeft);
        try (AnvilChain anvil = started.get();
                AaveReader reader = AaveReader.create(version, new RpcUrl(anvil.url()), RpcSettings.DEFAULTS)) {
            AaveBook book = AaveBook.create(anvil, version, USERS, 19);
            AaveSnapshot snapshot = read(reader, book);

            // the state read equals the mirror's own, built by replaying the same calls
            assertThat(AaveStates.comparable(snapshot.state())).isEqualTo(AaveStates.comparable(book.mirror()));
            for (Address u : book.users()) {
                assertThat(snapshot.state().userConfigOf(u).signum())
                        .as("found " + u)
                        .isPositive();
            }
            assertThat(snapshot.block().timestamp()).isEqualTo(book.block().timestamp());
            assertThat(snapshot.block().answers()).isEqualTo(book.block().answers());
            assertThat(snapshot.state().userEMode().size()).isGreaterThanOrEqualTo(USERS / 5);
            long borrowers = book.users().stream()
                    .filter(u -> snapshot.state().userConfigOf(u).and(BORROWING).signum() != 0)
                    .count();
            assertThat(borrowers).isGreaterThan(USERS / 2);

            // the state file holds it exactly
            String file = AaveStateFile.write(snapshot);
            assertThat(AaveStateFile.read(file)).isEqualTo(Either.right(snapshot));

            // every view of every user equals the deployment's at that block
            assertThat(reader.verify(snapshot)).isEqualTo(Either.right(List.of()));

            // a state that is not the deployment's is caught, naming the user and the field
            Address victim = book.users().get(1);
            AaveState s = snapshot.state();
            AaveState.Reserve r0 = s.reserves()
                    .find(r -> r.aTokenLedger().scaledOf(victim).signum() > 0)
                    .get();
            AaveState.ScaledToken a = r0.aTokenLedger();
            AaveState.Reserve tampered = r0.withLedgers(
                    new AaveState.ScaledToken(
                            a.address(),
                            a.scaledTotalSupply(),
                            a.scaled().put(victim, a.scaledOf(victim).subtract(BigInteger.ONE)),
                            a.previousIndex(),
                            a.allowances()),
                    r0.debtLedger());
            AaveState wrong = new AaveState(
                    s.version(),
                    s.pool(),
                    s.oracle(),
                    s.umbrella(),
                    s.reserves().update(r0.id(), tampered),
                    s.eModeCategories(),
                    s.userConfig(),
                    s.userEMode(),
                    s.tokens());
            List<Disagreement> caught = reader.verify(new AaveSnapshot(
                            snapshot.chainId(), snapshot.blockNumber(), snapshot.blockHash(), snapshot.block(), wrong))
                    .get();
            assertThat(caught).isNotEmpty();
            assertThat(caught).allMatch(d -> d.subject().equals(victim.hex()));
            assertThat(caught).extracting(Disagreement::field).contains("aToken(" + r0.asset() + ").balanceOf");

            // shock: every collateral but the stable one loses 30%
            for (AaveState.Reserve r : s.reserves()) {
                BigInteger p = book.block().answers().get(r.asset()).get();
                if (r.config().ltv() > 0 && p.compareTo(BigInteger.valueOf(200_000_000L)) > 0) {
                    book.setPrice(r.asset(), p.multiply(BigInteger.valueOf(7)).divide(BigInteger.TEN));
                }
            }
            AaveSnapshot shocked = read(reader, book);
            assertThat(reader.verify(shocked)).isEqualTo(Either.right(List.of()));
            assertThat(AaveStates.comparable(shocked.state())).isEqualTo(AaveStates.comparable(book.mirror()));

            // the mirror continues from the state read; the keeper liquidates every underwater user, on both sides
            book.continueFrom(shocked.state(), shocked.block());
            book.advance(3_600);
            List<Address> underwater = new ArrayList<>();
            for (Address u : book.users()) {
                BigInteger hf = AaveViews.userAccountData(book.mirror(), book.block(), u)
                        .get()
                        .healthFactor();
                if (hf.compareTo(BigInteger.TEN.pow(18)) < 0) {
                    underwater.add(u);
                }
            }
            assertThat(underwater).hasSizeGreaterThan(5);
            for (AaveState.Reserve r : s.reserves()) {
                book.mint(KEEPER, r.asset(), r.debtLedger().scaledTotalSupply().multiply(BigInteger.TWO));
                book.run(new AaveCall.TokenApprove(KEEPER, r.asset(), book.pool(), Word.UINT256_MAX));
            }
            int k = 0;
            int through = 0;
            for (Address u : underwater) {
                AaveState m = book.mirror();
                AaveState.Reserve collateral = m.reserves()
                        .filter(r -> m.userConfigOf(u).testBit(2 * r.id() + 1))
                        .maxBy(r -> r.aTokenLedger().scaledOf(u))
                        .get();
                AaveState.Reserve debt = m.reserves()
                        .find(r -> m.userConfigOf(u).testBit(2 * r.id()))
                        .get();
                // both sides must agree on the outcome (the same events, or the same revert)
                AaveState before = book.mirror();
                AaveState after = book.run(new AaveCall.LiquidationCall(
                        KEEPER, collateral.asset(), debt.asset(), u, Word.UINT256_MAX, k++ % 2 == 0));
                through += after == before ? 0 : 1;
            }
            assertThat(through).isGreaterThan(5);
            AaveSnapshot liquidated = read(reader, book);
            assertThat(AaveStates.comparable(liquidated.state())).isEqualTo(AaveStates.comparable(book.mirror()));
            assertThat(reader.verify(liquidated)).isEqualTo(Either.right(List.of()));
        }
    }

    /** Every "borrowing" bit of a user configuration: bits 0, 2, 4... */
    private static final BigInteger BORROWING =
            new BigInteger("5555555555555555555555555555555555555555555555555555555555555555", 16);
}
