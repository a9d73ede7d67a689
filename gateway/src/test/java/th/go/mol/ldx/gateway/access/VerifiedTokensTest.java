package th.go.mol.ldx.gateway.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

class VerifiedTokensTest {

    private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");

    @Test
    void aTokenVerifiedBeforeIsAnsweredUntilTheTtlThenGoesBackToTheProvider() {
        MovableClock clock = new MovableClock();
        VerifiedTokens tokens = new VerifiedTokens(config(Duration.ofSeconds(60)), clock);
        SecurityIdentity identity = identity("token-a", NOW.plusSeconds(300));

        assertNull(answer(tokens, "token-a"), "never verified: the OIDC provider's turn");
        tokens.remember(identity);
        SecurityIdentity kept = answer(tokens, "token-a");
        assertSame(identity.getPrincipal(), kept.getPrincipal());
        assertEquals(identity.getRoles(), kept.getRoles());
        assertEquals("Default", kept.getAttribute("tenant-id"));
        assertNull(kept.getAttribute(RoutingContext.class.getName()), "no request of its own kept with it");
        assertEquals(Caller.of(identity), kept.getAttribute(Caller.ATTRIBUTE), "its caller, read once");
        assertNull(answer(tokens, "token-b"), "another text, even of the same client, is verified afresh");

        clock.now = NOW.plusSeconds(60);
        assertNull(answer(tokens, "token-a"), "at the ttl, verified again");
        SecurityIdentity again = identity("token-a", NOW.plusSeconds(300));
        tokens.remember(again);
        clock.now = NOW.plusSeconds(119);
        assertSame(again.getPrincipal(), answer(tokens, "token-a").getPrincipal(),
                "kept 60 s from when it was verified again");
    }

    @Test
    void aTokenIsNeverAnsweredAtOrAfterItsExpiry() {
        MovableClock clock = new MovableClock();
        VerifiedTokens tokens = new VerifiedTokens(config(Duration.ofSeconds(60)), clock);
        SecurityIdentity identity = identity("token-a", NOW.plusSeconds(10));
        tokens.remember(identity);

        clock.now = NOW.plusSeconds(9);
        assertSame(identity.getPrincipal(), answer(tokens, "token-a").getPrincipal());
        clock.now = NOW.plusSeconds(10);
        assertNull(answer(tokens, "token-a"), "expired: the OIDC provider refuses it");
    }

    @Test
    void aTtlOfZeroKeepsNothing() {
        VerifiedTokens tokens = new VerifiedTokens(config(Duration.ZERO), new MovableClock());
        tokens.remember(identity("token-a", NOW.plusSeconds(300)));
        assertNull(answer(tokens, "token-a"));
    }

    private static SecurityIdentity answer(VerifiedTokens tokens, String token) {
        return tokens.authenticate(new TokenAuthenticationRequest(new AccessTokenCredential(token)), null)
                .await().indefinitely();
    }

    private static SecurityIdentity identity(String token, Instant expires) {
        JsonWebToken jwt = new JsonWebToken() {
            @Override
            public String getName() {
                return "agency-nso.main";
            }

            @Override
            public Set<String> getClaimNames() {
                return Set.of("exp");
            }

            @Override
            @SuppressWarnings("unchecked")
            public <T> T getClaim(String claim) {
                return (T) Map.of("exp", expires.getEpochSecond()).get(claim);
            }
        };
        return QuarkusSecurityIdentity.builder().setPrincipal(jwt).addCredential(new AccessTokenCredential(token))
                .addRole("ldx-partner").addAttribute("tenant-id", "Default")
                .addAttribute(RoutingContext.class.getName(), new Object()).build();
    }

    private static TokenCacheConfig config(Duration ttl) {
        return new TokenCacheConfig() {
            @Override
            public Duration ttl() {
                return ttl;
            }

            @Override
            public int maxSize() {
                return 100;
            }
        };
    }

    private static final class MovableClock extends Clock {

        private Instant now = NOW;

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
