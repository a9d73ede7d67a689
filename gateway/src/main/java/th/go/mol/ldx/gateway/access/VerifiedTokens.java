package th.go.mol.ldx.gateway.access;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The identities of bearer tokens this gateway has already verified, keyed by the token's exact text. A client
 * sends the same token for its whole lifetime (5 minutes in the realm), and checking its RSA signature and claims
 * again on every request was the largest item of a record page's profile (about a fifth of the samples on
 * 2026-12-04; pages rose 6 to 7 % without it on 2026-12-06, docs/benchmarks.md). A token seen before is
 * answered from here, ahead of the OIDC provider, until it expires and at most {@code ldx.access.token-cache.ttl}
 * after it was verified; any other text (a new, tampered or unknown token) goes to the OIDC provider as before.
 * What is kept is the provider's own identity, before any augmentor: the credentials' revocation check
 * ({@code credentials.RevocationCheck}) still runs on every request, so a revoked credential is refused as soon
 * as without the cache.
 */
@ApplicationScoped
public class VerifiedTokens implements IdentityProvider<TokenAuthenticationRequest> {

    /** Ahead of the OIDC provider (which keeps the default, 1001). */
    private static final int AHEAD_OF_OIDC = 2000;

    private record Verified(SecurityIdentity identity, Instant usableUntil) {
    }

    private final Cache<String, Verified> verified;
    private final TokenCacheConfig config;
    private final Clock clock;

    @Inject
    VerifiedTokens(TokenCacheConfig config) {
        this(config, Clock.systemUTC());
    }

    VerifiedTokens(TokenCacheConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.verified = Caffeine.newBuilder().maximumSize(config.maxSize()).build();
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    @Override
    public int priority() {
        return AHEAD_OF_OIDC;
    }

    /** The identity of a token verified before and still usable, for this request; else none (the OIDC provider's). */
    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request,
            AuthenticationRequestContext context) {
        String token = request.getToken().getToken();
        Verified earlier = token == null ? null : verified.getIfPresent(token);
        if (earlier == null || !clock.instant().isBefore(earlier.usableUntil())) {
            if (earlier != null) {
                verified.invalidate(token);
            }
            return Uni.createFrom().nullItem();
        }
        RoutingContext current = HttpSecurityUtils.getRoutingContextAttribute(request);
        if (current == null) {
            return Uni.createFrom().item(earlier.identity());
        }
        // The identity belongs to this request: it carries this request's context, as the provider's does.
        QuarkusSecurityIdentity.Builder identity = QuarkusSecurityIdentity.builder(earlier.identity())
                .addAttribute(RoutingContext.class.getName(), current);
        Object blocking = current.get(AuthenticationRequestContext.class.getName());
        if (blocking != null) {
            identity.addAttribute(AuthenticationRequestContext.class.getName(), blocking);
        }
        return Uni.createFrom().item(identity.build());
    }

    /** Keeps an identity the OIDC provider has just made from a bearer token. */
    void remember(SecurityIdentity identity) {
        if (config.ttl().isZero() || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return;
        }
        AccessTokenCredential credential = identity.getCredential(AccessTokenCredential.class);
        if (credential == null || credential.getToken() == null || jwt.getExpirationTime() <= 0) {
            return;
        }
        // Every request's identity passes here, those answered from the cache too: nothing is built for them.
        verified.asMap().computeIfAbsent(credential.getToken(), token -> {
            Instant byTtl = clock.instant().plus(config.ttl());
            Instant expires = Instant.ofEpochSecond(jwt.getExpirationTime());
            return new Verified(withoutItsRequest(identity), byTtl.isBefore(expires) ? byTtl : expires);
        });
    }

    /**
     * The identity without what belongs to the request it was made for (that request's context, and the blocking
     * executor taken from it), so that a kept identity holds no request, its body or its response, in memory, and
     * with its {@link Caller}. Its principal, roles, credentials and other attributes are kept; permission checkers
     * are not: LDX authorises by roles and by its access policy, never by {@code @PermissionsAllowed}, and an
     * identity without checkers refuses every permission (it fails closed).
     */
    private static SecurityIdentity withoutItsRequest(SecurityIdentity identity) {
        Map<String, Object> attributes = new HashMap<>(identity.getAttributes());
        attributes.remove(RoutingContext.class.getName());
        attributes.remove(AuthenticationRequestContext.class.getName());
        // Read once for the token's lifetime: every request answered from here then carries it.
        attributes.put(Caller.ATTRIBUTE, Caller.of(identity));
        return QuarkusSecurityIdentity.builder().setPrincipal(identity.getPrincipal()).addRoles(identity.getRoles())
                .addCredentials(identity.getCredentials()).addAttributes(attributes).build();
    }

    /**
     * Sees each identity first, as its provider made it: one made by the OIDC provider from a bearer token is kept.
     * One answered from the cache is already there.
     */
    @ApplicationScoped
    public static class Capture implements SecurityIdentityAugmentor {

        private final VerifiedTokens tokens;

        Capture(VerifiedTokens tokens) {
            this.tokens = tokens;
        }

        @Override
        public int priority() {
            return Integer.MAX_VALUE;
        }

        @Override
        public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
            if (!identity.isAnonymous()) {
                tokens.remember(identity);
            }
            return Uni.createFrom().item(identity);
        }
    }
}
