package db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.mailgate.gateway.quarantine.SearchTerms;

/**
 * Indexes the quarantine for the review queue's filters: one row per (item, finding type) and
 * one per (item, search term), so that filtering by type and searching are index lookups
 * instead of {@code LIKE '%...%'} over every item. Written in Java because the existing items'
 * terms come from {@link SearchTerms}, the same code that indexes new items.
 */
public class V5__QueueSearchIndex extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        // Searches are prefix ranges (term >= 'abc' AND term < 'abd'): terms must sort by code
        // point whatever the database's collation is. H2 compares strings that way already.
        String binary = c.getMetaData().getURL().startsWith("jdbc:postgresql:") ? " COLLATE \"C\"" : "";
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE quarantine_finding ("
                    + " item_id BIGINT NOT NULL REFERENCES quarantine_item (id) ON DELETE CASCADE,"
                    + " type VARCHAR(64) NOT NULL,"
                    + " PRIMARY KEY (item_id, type))");
            s.execute("CREATE INDEX quarantine_finding_type ON quarantine_finding (type, item_id)");
            s.execute("CREATE TABLE quarantine_term ("
                    + " item_id BIGINT NOT NULL REFERENCES quarantine_item (id) ON DELETE CASCADE,"
                    + " term VARCHAR(100)" + binary + " NOT NULL,"
                    + " PRIMARY KEY (item_id, term))");
            s.execute("CREATE INDEX quarantine_term_term ON quarantine_term (term, item_id)");
        }
        try (PreparedStatement items = c.prepareStatement(
                "SELECT id, sender, recipients, subject, finding_types FROM quarantine_item");
                PreparedStatement finding = c.prepareStatement(
                        "INSERT INTO quarantine_finding (item_id, type) VALUES (?,?)");
                PreparedStatement term = c.prepareStatement("INSERT INTO quarantine_term (item_id, term) VALUES (?,?)")) {
            items.setFetchSize(500);
            int batched = 0;
            try (ResultSet rs = items.executeQuery()) {
                while (rs.next()) {
                    long id = rs.getLong(1);
                    for (String t : Arrays.stream(rs.getString(5).split(",")).filter(t -> !t.isEmpty()).distinct()
                            .toList()) {
                        finding.setLong(1, id);
                        finding.setString(2, t);
                        finding.addBatch();
                    }
                    for (String t : SearchTerms.of(rs.getString(2), List.of(rs.getString(3).split("\n")),
                            rs.getString(4))) {
                        term.setLong(1, id);
                        term.setString(2, t);
                        term.addBatch();
                    }
                    if (++batched % 500 == 0) {
                        finding.executeBatch();
                        term.executeBatch();
                    }
                }
            }
            finding.executeBatch();
            term.executeBatch();
        }
    }
}
