/**
 * notification-service: the in-app inbox, its live stream and preferences, built only from the events of the other
 * services.
 */
package org.colloquy.notification;
