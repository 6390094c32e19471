package io.tcpshake.exporter;

import com.sun.net.httpserver.BasicAuthenticator;
import com.sun.net.httpserver.HttpExchange;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * HTTP basic auth against one user name and a {@link PasswordHash}; answers 401 otherwise.
 *
 * <p>A bcrypt check costs tens of milliseconds of CPU by design, so a flood of wrong passwords could take
 * the host's cores. Here at most one costly check runs at a time; up to {@value #WAITING} more requests
 * wait for it, at most {@value #WAIT_SECONDS} s, and any other is answered 429 with
 * {@code Retry-After: 1} at once, so wrong guesses cost at most one core and hold few handler threads.
 * The password that matched last is remembered ({@link PasswordHash#isRemembered}), so a scraper whose
 * credentials matched once never waits here.
 */
final class PasswordAuthenticator extends BasicAuthenticator {
    static final int WAITING = 3;
    static final int WAIT_SECONDS = 5;

    private final byte[] user;
    private final PasswordHash passwordHash;
    private final Semaphore costlyCheck = new Semaphore(1, true);
    private final AtomicInteger waiting = new AtomicInteger();

    PasswordAuthenticator(String user, PasswordHash passwordHash) {
        super("tcpshake");
        this.user = user.getBytes(StandardCharsets.UTF_8);
        this.passwordHash = passwordHash;
    }

    @Override
    public Result authenticate(HttpExchange exchange) {
        try {
            return super.authenticate(exchange);
        } catch (Busy e) {
            exchange.getResponseHeaders().set("Retry-After", "1");
            return new Failure(429);
        }
    }

    @Override
    public boolean checkCredentials(String username, String password) {
        // Check both, always, so the time taken does not tell whether the user name was right.
        boolean userMatches = MessageDigest.isEqual(user, username.getBytes(StandardCharsets.UTF_8));
        if (!passwordHash.isCostly() || passwordHash.isRemembered(password)) {
            return userMatches & passwordHash.matches(password);
        }
        enterCostlyCheck();
        try {
            return userMatches & passwordHash.matches(password);
        } finally {
            costlyCheck.release();
        }
    }

    private void enterCostlyCheck() {
        if (waiting.incrementAndGet() > WAITING) {
            waiting.decrementAndGet();
            throw new Busy();
        }
        try {
            if (!costlyCheck.tryAcquire(WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new Busy();
            }
        } catch (InterruptedException e) {
            // The exchange ran out of time (HandlerPool): keep the interrupt, it closes the connection.
            Thread.currentThread().interrupt();
            throw new Busy();
        } finally {
            waiting.decrementAndGet();
        }
    }

    /** Too many password checks at once: the request is answered 429. */
    private static final class Busy extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Busy() {
            super("too many password checks at once", null, false, false);
        }
    }
}
