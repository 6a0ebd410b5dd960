/**
 * Flyway's Java migrations (the SQL ones are resources under {@code db/migration}); the package
 * name is Flyway's convention. Depends only on JDBC.
 */
package db.migration;
