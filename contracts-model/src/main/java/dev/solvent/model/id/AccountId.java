package dev.solvent.model.id;

/**
 * Identifies an account (a trader, a keeper or a protocol-owned backstop). Ordered by its text, so maps keyed by it iterate the same way on every run.
 *
 * @param account a non-blank name without surrounding spaces, such as {@code acct-1}
 */
public record AccountId(String account) implements Comparable<AccountId> {

    /** Rejects a blank name or one with surrounding spaces. */
    public AccountId {
        if (account == null || account.isBlank() || !account.equals(account.strip())) {
            throw new IllegalArgumentException(
                    "account must be a non-blank name without surrounding spaces, got '" + account + "'");
        }
    }

    /** {@return the id named {@code account}} */
    public static AccountId of(String account) {
        return new AccountId(account);
    }

    @Override
    public int compareTo(AccountId o) {
        return account.compareTo(o.account);
    }

    @Override
    public String toString() {
        return account;
    }
}
