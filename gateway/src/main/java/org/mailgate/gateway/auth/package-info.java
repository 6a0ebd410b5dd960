/**
 * Accounts of the web UI and the API: users with roles (reviewer, auditor, admin, staff),
 * bcrypt passwords, sessions and API tokens, and the per-account lockout, claimed atomically in
 * the shared store so that parallel logins cannot get past it. Owns the {@code web_user},
 * {@code web_session} and {@code api_token} tables. Depends on {@code store}; must not depend on
 * {@code web} (the pages call it) or on mail handling.
 */
package org.mailgate.gateway.auth;
