package com.omnichat.server.auth;

import com.omnichat.server.errors.ApiException;
import com.omnichat.server.limits.KeyedBuckets;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/**
 * Password guesses per account (5 per 15 minutes) and per IP (20 per 15 minutes), PROTOCOL.md §B.3. A guess takes
 * its token before the password is checked, and an account has at most one check in flight, so parallel guesses
 * cannot outrun the count; a guess that turns out right gives its tokens back, so only failures use the allowance.
 * Sign-in and the current-password check of a password change share these counts.
 */
public final class LoginThrottle {
    private static final Duration WINDOW = Duration.ofMinutes(15);
    /** What a second guess for an account already being checked is told: the check takes a quarter second. */
    private static final long IN_FLIGHT_RETRY_SECONDS = 1;

    private final KeyedBuckets byAccount = KeyedBuckets.perWindow(5, WINDOW);
    private final KeyedBuckets byIp = KeyedBuckets.perWindow(20, WINDOW);
    private final Set<String> inFlight = new HashSet<>();

    /**
     * Claims one guess for {@code account} from {@code ip}, or throws 429 when either is out of guesses or the
     * account already has a guess being checked. Close the attempt when the check is done.
     */
    public synchronized Attempt begin(String account, String ip) {
        if (inFlight.contains(account)) {
            throw ApiException.rateLimited(IN_FLIGHT_RETRY_SECONDS);
        }
        long wait = byAccount.take(account);
        if (wait == 0) {
            wait = byIp.take(ip);
            if (wait > 0) {
                byAccount.giveBack(account);
            }
        }
        if (wait > 0) {
            throw ApiException.rateLimited(wait);
        }
        inFlight.add(account);
        return new Attempt(account, ip);
    }

    private synchronized void succeeded(String account, String ip) {
        byAccount.giveBack(account);
        byIp.giveBack(ip);
    }

    private synchronized void finished(String account) {
        inFlight.remove(account);
    }

    /** One claimed guess: counted as a failure unless {@link #succeeded()} is called before it is closed. */
    public final class Attempt implements AutoCloseable {
        private final String account;
        private final String ip;
        private boolean open = true;
        private boolean refunded;

        private Attempt(String account, String ip) {
            this.account = account;
            this.ip = ip;
        }

        /** The password was right: this guess does not count against the account or the address. */
        public void succeeded() {
            if (open && !refunded) {
                refunded = true;
                LoginThrottle.this.succeeded(account, ip);
            }
        }

        @Override
        public void close() {
            if (open) {
                open = false;
                finished(account);
            }
        }
    }
}
