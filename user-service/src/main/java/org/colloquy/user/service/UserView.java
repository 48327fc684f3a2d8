package org.colloquy.user.service;

import org.colloquy.user.domain.User;

/** A user with a fresh token, as the user endpoints answer. */
public record UserView(User user, String token) {
}
