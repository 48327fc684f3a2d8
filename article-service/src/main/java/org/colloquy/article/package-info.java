/**
 * article-service: drafts, publication, tags, favorites and the feed. Publishes {@code article.events}; keeps
 * replicas of author profiles and follows from {@code user.events} and comment counts from {@code comment.events}.
 */
package org.colloquy.article;
