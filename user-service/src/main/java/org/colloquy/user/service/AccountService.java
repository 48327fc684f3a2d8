package org.colloquy.user.service;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.colloquy.domain.Conflict;
import org.colloquy.domain.NotAuthenticated;
import org.colloquy.domain.NotFound;
import org.colloquy.domain.Problems;
import org.colloquy.events.user.UserProfileUpdated;
import org.colloquy.events.user.UserRegistered;
import org.colloquy.events.user.UserSessionsRevoked;
import org.colloquy.messaging.outbox.Outbox;
import org.colloquy.persistence.InTransaction;
import org.colloquy.user.domain.ProfileRules;
import org.colloquy.user.domain.User;
import org.colloquy.user.repository.UserRepository;

/** Registration, log-in and the caller's own account. */
@ApplicationScoped
public class AccountService {

    public record Registration(String username, String email, String password) {
    }

    /** Fields left null are not changed; "" clears bio and image. */
    public record AccountChanges(String username, String email, String password, String bio, String image) {
    }

    private final UserRepository users;
    private final PasswordHasher hasher;
    private final TokenIssuer tokens;
    private final LoginThrottle loginThrottle;
    private final RegistrationThrottle registrationThrottle;
    private final Outbox outbox;

    public AccountService(UserRepository users, PasswordHasher hasher, TokenIssuer tokens,
            LoginThrottle loginThrottle, RegistrationThrottle registrationThrottle, Outbox outbox) {
        this.users = users;
        this.hasher = hasher;
        this.tokens = tokens;
        this.loginThrottle = loginThrottle;
        this.registrationThrottle = registrationThrottle;
        this.outbox = outbox;
    }

    /**
     * Counts the attempt against the client address once the input is valid (a valid attempt costs a hash), hashes
     * outside the transaction (it is slow), then stores the account and announces it together.
     */
    public Uni<UserView> register(Registration registration, String clientAddress) {
        Problems problems = new Problems().check("username", ProfileRules.username(registration.username()))
                .check("email", ProfileRules.email(registration.email()))
                .check("password", ProfileRules.password(registration.password()));
        if (!problems.isEmpty()) {
            return Uni.createFrom().failure(problems.invalid());
        }
        return registrationThrottle.attempt(clientAddress)
                .chain(() -> hasher.hash(registration.password()))
                .chain(hash -> store(registration, hash))
                .map(user -> new UserView(user, tokens.issue(user)));
    }

    /** Only operators make admins (see {@link InitialAdmins}): a new account never starts with more than 'user'. */
    @InTransaction
    Uni<User> store(Registration registration, String passwordHash) {
        User user = User.register(registration.username().trim(), registration.email().trim(), passwordHash,
                Instant.now());
        return ensureAvailable(user.username, user.email, user.id)
                .call(() -> users.insert(user))
                .call(() -> outbox.append(new UserRegistered(user.id.toString(), user.username, user.bio, user.image,
                        user.createdAt)))
                .replaceWith(user);
    }

    public Uni<UserView> login(String email, String password, String clientAddress) {
        Problems problems = new Problems().check("email", ProfileRules.loginEmail(email))
                .check("password", ProfileRules.loginPassword(password));
        if (!problems.isEmpty()) {
            return Uni.createFrom().failure(problems.invalid());
        }
        return loginThrottle.attempt(email, clientAddress)
                .chain(() -> findByEmail(email))
                .chain(user -> verify(user, password))
                .chain(user -> {
                    if (user == null) {
                        Log.infof("Failed log-in for %s from %s", ProfileRules.normalizedEmail(email), clientAddress);
                        return Uni.createFrom().failure(new NotAuthenticated("credentials", "invalid"));
                    }
                    return loginThrottle.succeeded(email, clientAddress)
                            .replaceWith(new UserView(user, tokens.issue(user)));
                });
    }

    Uni<User> findByEmail(String email) {
        return users.findByEmail(ProfileRules.normalizedEmail(email));
    }

    /** The user if the password matches; an unknown e-mail costs a hash all the same, so timing tells nothing. */
    private Uni<User> verify(User user, String password) {
        if (user == null) {
            return hasher.hash(password).replaceWith((User) null);
        }
        return hasher.matches(password, user.passwordHash).map(matches -> matches ? user : null);
    }

    public Uni<UserView> current(UUID userId, String token) {
        return find(userId).map(user -> new UserView(user, token));
    }

    Uni<User> find(UUID userId) {
        return users.findById(userId).onItem().ifNull().failWith(() -> new NotFound("user"));
    }

    public Uni<UserView> update(UUID userId, AccountChanges changes) {
        Problems problems = new Problems();
        if (changes.username() != null) {
            problems.check("username", ProfileRules.username(changes.username()));
        }
        if (changes.email() != null) {
            problems.check("email", ProfileRules.email(changes.email()));
        }
        if (changes.password() != null) {
            problems.check("password", ProfileRules.password(changes.password()));
        }
        problems.check("bio", ProfileRules.bio(changes.bio()))
                .check("image", ProfileRules.image(ProfileRules.emptyToNull(changes.image())));
        if (!problems.isEmpty()) {
            return Uni.createFrom().failure(problems.invalid());
        }
        Uni<Optional<String>> newHash = changes.password() == null ? Uni.createFrom().item(Optional.empty())
                : hasher.hash(changes.password()).map(Optional::of);
        return newHash.chain(hash -> apply(userId, changes, hash.orElse(null)))
                .map(user -> new UserView(user, tokens.issue(user)));
    }

    /**
     * A new password raises the token version (ending every other session) and announces it with the change; the
     * answer's token carries the new version, so the caller's own session goes on.
     */
    @InTransaction
    Uni<User> apply(UUID userId, AccountChanges changes, String newPasswordHash) {
        return users.lock(userId).onItem().ifNull().failWith(() -> new NotFound("user"))
                .call(user -> ensureAvailable(
                        changes.username() == null ? null : changes.username().trim(),
                        changes.email() == null ? null : changes.email().trim(), user.id))
                .call(user -> {
                    List<String> before = profileOf(user);
                    Instant now = Instant.now();
                    if (changes.username() != null) {
                        user.username = changes.username().trim();
                    }
                    if (changes.email() != null) {
                        user.email = changes.email().trim();
                    }
                    if (changes.bio() != null) {
                        user.bio = ProfileRules.emptyToNull(changes.bio());
                    }
                    if (changes.image() != null) {
                        user.image = ProfileRules.emptyToNull(changes.image());
                    }
                    user.updatedAt = now;
                    if (newPasswordHash != null) {
                        user.changePassword(newPasswordHash);
                        Log.infof("User %s changed their password; sessions before token version %d end",
                                user.id, user.tokenVersion);
                    }
                    Uni<Void> revoked = users.update(user);
                    if (newPasswordHash != null) {
                        revoked = revoked.call(() -> outbox.append(
                                new UserSessionsRevoked(user.id.toString(), user.tokenVersion, now)));
                    }
                    if (before.equals(profileOf(user))) {
                        return revoked;
                    }
                    return revoked.chain(() -> outbox.append(new UserProfileUpdated(user.id.toString(),
                            user.username, user.bio, user.image))).replaceWithVoid();
                });
    }

    /** The public part of an account: a change to it is announced. */
    private static List<String> profileOf(User user) {
        return Arrays.asList(user.username, user.bio, user.image);
    }

    private Uni<Void> ensureAvailable(String username, String email, UUID self) {
        Uni<Boolean> usernameTaken = username == null ? Uni.createFrom().item(false)
                : users.usernameTaken(username, self);
        return usernameTaken.chain(taken -> {
            if (taken) {
                return Uni.createFrom().failure(new Conflict("username", "has already been taken"));
            }
            return email == null ? Uni.createFrom().item(false) : users.emailTaken(email, self);
        }).chain(taken -> taken
                ? Uni.createFrom().failure(new Conflict("email", "has already been taken"))
                : Uni.createFrom().voidItem());
    }
}
