package dev.solvent.cli.live;

import java.math.BigInteger;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.utils.Numeric;

/**
 * Signs a keeper's call as an EIP-1559 transaction (type 2) with no value and no access list.
 *
 * @param chainId the chain it is valid on
 * @param nonce the sender's nonce
 * @param gasLimit the most gas it may use
 * @param to the contract called
 * @param data the calldata, hex with {@code 0x}
 * @param maxPriorityFeePerGas the priority fee bid, wei per gas
 * @param maxFeePerGas the most it pays per gas, base fee included
 */
public record Signing(
        long chainId,
        BigInteger nonce,
        long gasLimit,
        ContractAddress to,
        String data,
        BigInteger maxPriorityFeePerGas,
        BigInteger maxFeePerGas) {

    /**
     * A signed transaction, ready for {@code eth_sendRawTransaction}.
     *
     * @param raw the signed transaction, hex with {@code 0x}
     * @param hash its hash, hex with {@code 0x}
     */
    public record Signed(String raw, String hash) {}

    /** {@return the transaction signed with {@code key}} */
    public Signed sign(Credentials key) {
        RawTransaction tx = RawTransaction.createTransaction(
                chainId,
                nonce,
                BigInteger.valueOf(gasLimit),
                to.value(),
                BigInteger.ZERO,
                data,
                maxPriorityFeePerGas,
                maxFeePerGas);
        byte[] signed = TransactionEncoder.signMessage(tx, key);
        return new Signed(Numeric.toHexString(signed), Numeric.toHexString(Hash.sha3(signed)));
    }
}
