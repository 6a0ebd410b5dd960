package db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.mailgate.gateway.quarantine.QuarantineStore;

/**
 * Lets the queue's recipient-domain filter find subdomains with an index: each recipient's
 * domain is also kept reversed ({@code family.court.example} as {@code elpmaxe.truoc.ylimaf}),
 * so "court.example and everything under it" is one range of that index instead of
 * {@code LIKE '%.court.example'} over every recipient. Written in Java because the reversed
 * form of existing rows comes from the same code that writes new ones.
 */
public class V11__RecipientDomainIndex extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        // Ranges must sort by code point whatever the database's collation is (as for V5's terms).
        String binary = c.getMetaData().getURL().startsWith("jdbc:postgresql:") ? " COLLATE \"C\"" : "";
        try (Statement s = c.createStatement()) {
            s.execute("ALTER TABLE quarantine_recipient ADD COLUMN domain_reversed VARCHAR(255)" + binary);
        }
        try (PreparedStatement rows = c.prepareStatement("SELECT item_id, address, domain FROM quarantine_recipient");
                PreparedStatement set = c.prepareStatement(
                        "UPDATE quarantine_recipient SET domain_reversed = ? WHERE item_id = ? AND address = ?")) {
            rows.setFetchSize(500);
            int batched = 0;
            try (ResultSet rs = rows.executeQuery()) {
                while (rs.next()) {
                    set.setString(1, QuarantineStore.reversed(rs.getString(3)));
                    set.setLong(2, rs.getLong(1));
                    set.setString(3, rs.getString(2));
                    set.addBatch();
                    if (++batched % 500 == 0) {
                        set.executeBatch();
                    }
                }
            }
            set.executeBatch();
        }
        try (Statement s = c.createStatement()) {
            s.execute("CREATE INDEX quarantine_recipient_domain_reversed ON quarantine_recipient (domain_reversed, item_id)");
        }
    }
}
