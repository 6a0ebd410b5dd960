/**
 * The {@code gateway.jar} commands (picocli): serve, queue, config, certs, classify, users,
 * hash-password. Each command uses what it needs and nothing depends on this package.
 */
package org.mailgate.gateway.cli;
