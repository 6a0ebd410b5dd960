/**
 * The HTTP side (Javalin, precompiled jte templates, no JavaScript, strict CSP): health and
 * metrics, the review UI and its JSON API, the audit log, accounts, leave and telephone-message
 * pages, and the secure portal's pages. Owns sign-in, sessions, CSRF and origin checks, security
 * headers and how held mail is shown safely. Calls the features ({@code quarantine},
 * {@code portal}, {@code ooo}, {@code notify}, {@code auth}); no other package may depend on it.
 */
package org.mailgate.gateway.web;
