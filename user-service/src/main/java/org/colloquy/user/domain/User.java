package org.colloquy.user.domain;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.colloquy.domain.Role;

/** An account: credentials, public profile and roles. */
public class User {

    public UUID id;
    public String username;
    public String email;
    public String passwordHash;
    public String bio;
    public String image;
    /** Comma-separated role names; always contains {@code user}. */
    public String roles;
    public Instant createdAt;
    public Instant updatedAt;
    /**
     * Tokens carry it as their {@code ver} claim; raising it ends every session opened before (a token with a lower
     * {@code ver} is refused).
     */
    public int tokenVersion;

    public static User register(String username, String email, String passwordHash, Instant now) {
        User user = new User();
        user.id = UUID.randomUUID();
        user.username = username;
        user.email = email;
        user.passwordHash = passwordHash;
        user.roles = Role.USER.value();
        user.createdAt = now;
        user.updatedAt = now;
        return user;
    }

    public Set<String> roleSet() {
        return Roles.parse(roles);
    }

    /** Sets the roles; true if they changed. */
    public boolean grant(Set<String> newRoles) {
        String formatted = Roles.format(newRoles);
        if (formatted.equals(roles)) {
            return false;
        }
        roles = formatted;
        return true;
    }

    /** A new password ends every other session. */
    public void changePassword(String newPasswordHash) {
        passwordHash = newPasswordHash;
        revokeSessions();
    }

    /** Roles set by an admin: if they changed, tokens that still carry the old ones stop working. */
    public boolean changeRoles(Set<String> newRoles) {
        boolean changed = grant(newRoles);
        if (changed) {
            revokeSessions();
        }
        return changed;
    }

    private void revokeSessions() {
        tokenVersion++;
    }
}
