package com.omnichat.server.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.omnichat.server.support.Api;
import com.omnichat.server.support.Parallel;
import com.omnichat.server.support.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An attacker firing password guesses in parallel gets no more than the throttle's 5 per account (PROTOCOL.md §B.3):
 * each guess takes its token before bcrypt runs, and an account has one check in flight at a time.
 */
class ConcurrentPasswordGuessesTest {
    private static final String EMAIL = "target@example.com";
    private static final String PASSWORD = "target-password-1";
    private static final int ACCOUNT_LIMIT = 5;

    private TestServer server;
    private Api api;
    private String admin;

    @BeforeEach
    void start() {
        server = TestServer.start();
        api = server.api();
        admin = api.loginAdmin();
        assertThat(api.post("/api/v1/users", admin, Map.of("email", EMAIL, "name", "Target", "role", "staff",
                "password", PASSWORD)).status()).isEqualTo(201);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void thirtyParallelWrongPasswordsForOneAccountGetAtMostFiveChecksAndTheRest429() {
        List<Api.Reply> replies = Parallel.at(30, i -> api.form("/api/v1/auth/login",
                Map.of("username", EMAIL, "password", "wrong-guess-" + i)));

        long checked = replies.stream().filter(r -> r.status() == 401).count();
        long limited = replies.stream().filter(r -> r.status() == 429).count();
        assertThat(checked + limited).as("every guess is answered 401 or 429").isEqualTo(30);
        assertThat(checked).isBetween(1L, (long) ACCOUNT_LIMIT);
        for (Api.Reply reply : replies) {
            if (reply.status() == 429) {
                assertThat(reply.body().get("detail").asText()).isEqualTo("Too many requests");
                assertThat(reply.body().at("/error/code").asText()).isEqualTo("rate_limited");
                assertThat(Long.parseLong(reply.header("Retry-After"))).isPositive();
            }
        }
        assertThat(failedSignInsAudited()).as("only the checked guesses are audited").isEqualTo(checked);
    }

    @Test
    void guessesAfterTheParallelBurstStillStopAtTheLimitEvenWithTheRightPassword() {
        Parallel.at(30, i -> api.form("/api/v1/auth/login", Map.of("username", EMAIL, "password", "wrong-guess-" + i)));
        int checked = (int) failedSignInsAudited();
        for (int i = checked; i < ACCOUNT_LIMIT; i++) {
            assertThat(api.form("/api/v1/auth/login", Map.of("username", EMAIL, "password", "late-guess-" + i))
                    .status()).isEqualTo(401);
        }
        assertThat(api.form("/api/v1/auth/login", Map.of("username", EMAIL, "password", PASSWORD)).status())
                .isEqualTo(429);
    }

    @Test
    void thirtyParallelWrongCurrentPasswordsOnAPasswordChangeGetAtMostFiveChecksAndTheRest429() {
        String token = api.login(EMAIL, PASSWORD);
        List<Api.Reply> replies = Parallel.at(30, i -> api.post("/api/v1/me/password", token,
                Map.of("current_password", "wrong-current-" + i, "new_password", "a-brand-new-password")));

        long checked = replies.stream().filter(r -> r.status() == 422).count();
        long limited = replies.stream().filter(r -> r.status() == 429).count();
        assertThat(checked + limited).isEqualTo(30);
        assertThat(checked).isBetween(1L, (long) ACCOUNT_LIMIT);
        for (Api.Reply reply : replies) {
            if (reply.status() == 422) {
                assertThat(reply.body().at("/error/details/fields/current_password").asText())
                        .isEqualTo("is not the current password");
            } else {
                assertThat(reply.body().at("/error/code").asText()).isEqualTo("rate_limited");
                assertThat(Long.parseLong(reply.header("Retry-After"))).isPositive();
            }
        }
        for (long i = checked; i < ACCOUNT_LIMIT; i++) {
            api.post("/api/v1/me/password", token, Map.of("current_password", "late-" + i,
                    "new_password", "a-brand-new-password"));
        }
        Api.Reply right = api.post("/api/v1/me/password", token, Map.of("current_password", PASSWORD,
                "new_password", "a-brand-new-password"));
        assertThat(right.status()).as("the right password does not bypass the limit").isEqualTo(429);
        assertThat(api.form("/api/v1/auth/login", Map.of("username", EMAIL, "password", PASSWORD)).status())
                .as("password changes and sign-ins count together").isEqualTo(429);
        assertThat(api.get("/api/v1/auth/me", token).status()).as("the password was not changed").isEqualTo(200);
    }

    @Test
    void aSignInPasswordLongerThanBcryptReadsDoesNotMatchOnItsFirst72Bytes() {
        String seventyTwo = "x".repeat(60) + "-exactly-72b";
        assertThat(seventyTwo).hasSize(72);
        JsonNode created = api.post("/api/v1/users", admin, Map.of("email", "long@example.com", "name", "Long",
                "role", "staff", "password", seventyTwo)).body();
        assertThat(created.get("email").asText()).isEqualTo("long@example.com");
        api.login("long@example.com", seventyTwo);

        Api.Reply longer = api.form("/api/v1/auth/login", Map.of("username", "long@example.com",
                "password", seventyTwo + "anything after byte 72"));
        assertThat(longer.status()).isEqualTo(401);
        assertThat(longer.body().get("detail").asText()).isEqualTo(LoginService.INVALID);
    }

    private long failedSignInsAudited() {
        JsonNode page = api.get("/api/v1/audit-events?type=auth.login_failed&limit=200", admin).body();
        long total = 0;
        for (JsonNode entry : page.get("data")) {
            total += entry.get("count").asLong();
        }
        return total;
    }
}
