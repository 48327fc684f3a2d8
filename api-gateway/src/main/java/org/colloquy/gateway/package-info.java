/**
 * api-gateway: the one public entry point of the platform. Frontends see a single base URL ({@code /api}); the
 * gateway routes each path to the service that owns it.
 */
package org.colloquy.gateway;
