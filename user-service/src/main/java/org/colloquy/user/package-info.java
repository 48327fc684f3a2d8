/**
 * user-service: accounts, credentials, profiles and the follow graph. It issues the tokens every service verifies
 * and tells the rest of the platform about users only through {@code user.events}.
 */
package org.colloquy.user;
