/**
 * The gateway's configuration: typed records ({@link org.mailgate.config.GatewayConfig}), YAML
 * loading with file:line errors and environment secrets ({@link org.mailgate.config.ConfigLoader}),
 * and the effective configuration printed back. Depends on SnakeYAML and, for the names of
 * finding types, confidences and levels, on the classifier's enums; must not depend on the
 * gateway or certs.
 */
package org.mailgate.config;
