package dev.solvent.mirror.harness;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.math.BigInteger;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * Signed legacy transactions on a local {@link AnvilProcess} through web3j: sign with a key, send, and wait (bounded)
 * for a receipt that did not revert. The oracle and cli tests' chain fixtures share it through the mirrors test-jar;
 * the mirrors' own {@link AnvilChain} sends unsigned, impersonated calls instead.
 */
public final class SignedTransactions {

    /** Anvil's default chain id, which every signature here commits to. */
    public static final long CHAIN_ID = 31_337;

    /** A gas price above what a fresh anvil asks, so that no transaction waits for a lower base fee. */
    public static final BigInteger GAS_PRICE = BigInteger.valueOf(2_000_000_000L);

    /** A gas limit that covers a test contract's deployment. */
    public static final BigInteger GAS_LIMIT = BigInteger.valueOf(3_000_000);

    private static final long RECEIPT_WITHIN_MILLIS = 15_000;
    private static final long POLL_MILLIS = 50;

    private final AnvilProcess anvil;
    private final Web3j web3j;

    /**
     * Transactions to {@code anvil} through {@code web3j}, a client of its URL.
     *
     * @param anvil the node, asked whether it is still running while a receipt is awaited
     * @param web3j a client of {@code anvil}'s URL, owned by the caller
     */
    public SignedTransactions(AnvilProcess anvil, Web3j web3j) {
        this.anvil = anvil;
        this.web3j = web3j;
    }

    /** {@return the receipt of {@code transaction} signed by {@code from}; the test fails if it is refused or reverts} */
    public TransactionReceipt send(Credentials from, RawTransaction transaction) throws IOException {
        byte[] signed = TransactionEncoder.signMessage(transaction, CHAIN_ID, from);
        EthSendTransaction sent =
                web3j.ethSendRawTransaction(Numeric.toHexString(signed)).send();
        if (sent.hasError()) {
            return fail("anvil refused a transaction: " + sent.getError().getMessage());
        }
        TransactionReceipt receipt = receipt(sent.getTransactionHash());
        if (!receipt.isStatusOK()) {
            return fail("the transaction reverted: " + receipt);
        }
        return receipt;
    }

    /**
     * {@return the receipt of {@code hash}, waiting a bounded time for it} Anvil mines each transaction as it arrives,
     * but not always before answering.
     */
    public TransactionReceipt receipt(String hash) throws IOException {
        for (long waited = 0; waited < RECEIPT_WITHIN_MILLIS; waited += POLL_MILLIS) {
            var receipt = web3j.ethGetTransactionReceipt(hash).send().getTransactionReceipt();
            if (receipt.isPresent()) {
                return receipt.get();
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return fail("interrupted while waiting for " + hash);
            }
            if (!anvil.isAlive()) {
                return fail("anvil exited while mining " + hash + ": " + anvil.logText());
            }
        }
        return fail("no receipt for " + hash + " within " + RECEIPT_WITHIN_MILLIS + " ms");
    }
}
