/**
 * comment-service: threaded comments and their moderation. Publishes {@code comment.events} and
 * {@code moderation.events}; knows articles and users only from their events.
 */
package org.colloquy.comment;
