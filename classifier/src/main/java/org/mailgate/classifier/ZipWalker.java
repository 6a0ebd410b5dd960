package org.mailgate.classifier;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * ZIP archives are walked here rather than by Tika so that entry count, per-entry size and the
 * expansion ratio (zip bombs, including nested ones) are checked while inflating, before the
 * bytes exist. Password-protected entries cannot be read: the archive fails closed.
 */
final class ZipWalker {
    /** Smallest archive expansion budget: tiny zips of plain text legitimately compress very well. */
    private static final long MIN_EXPANSION_BYTES = 1024L * 1024;
    /** An empty ZIP is just the 22-byte end-of-central-directory record. */
    private static final int EMPTY_ZIP_SIZE = 22;

    private final Extractor extractor;

    ZipWalker(Extractor extractor) {
        this.extractor = extractor;
    }

    void walk(byte[] data, String loc, int depth, ExtractionContext ctx) {
        if (!hasEndOfCentralDirectory(data)) {
            // Truncated or forged: a streaming read would silently see only part of it.
            ctx.unscannable(loc, "corrupt archive");
            return;
        }
        long archiveBudget = Math.max((long) data.length * ctx.settings.maxExpansionRatio(), MIN_EXPANSION_BYTES);
        long expanded = 0;
        int entries = 0;
        String current = loc;
        try (ZipInputStream zin = new ZipInputStream(new ByteArrayInputStream(data))) {
            ZipEntry e;
            while ((e = zin.getNextEntry()) != null) {
                if (e.isDirectory()) {
                    continue;
                }
                entries++;
                String entryName = e.getName();
                if (entryName.isBlank()) {
                    ctx.unscannable(loc, "corrupt archive");
                    return;
                }
                current = loc + "/" + Extractor.cleanName(entryName);
                if (!ctx.takeEntry()) {
                    ctx.unscannable(loc, "too many archive entries");
                    return;
                }
                if (ctx.timeUp()) {
                    ctx.unscannable(current, "time limit reached");
                    return;
                }
                long allowed = Math.min(ctx.settings.maxPartBytes(),
                        Math.min(archiveBudget - expanded, ctx.expandedBytesLeft()));
                byte[] bytes;
                try {
                    bytes = ExtractionContext.readBounded(zin, allowed);
                } catch (ExtractionContext.TooLargeException tooLarge) {
                    boolean bomb = allowed < ctx.settings.maxPartBytes();
                    ctx.unscannable(bomb ? loc : current, bomb ? "zip bomb (expansion ratio exceeded)" : "too large");
                    return; // skipping the rest of the entry would still mean inflating it
                }
                expanded += bytes.length;
                ctx.chargeExpanded(bytes.length);
                String simple = entryName.substring(entryName.lastIndexOf('/') + 1);
                extractor.extractBytes(bytes, simple, null, current, depth + 1, ctx);
            }
        } catch (ZipException e) {
            String msg = String.valueOf(e.getMessage());
            ctx.unscannable(current, msg.contains("encrypted") ? "encrypted (password-protected archive)" : "corrupt archive");
            return;
        } catch (IOException | RuntimeException e) {
            ctx.unscannable(current, "corrupt archive (" + e.getClass().getSimpleName() + ")");
            return;
        }
        if (entries == 0 && data.length > EMPTY_ZIP_SIZE) {
            ctx.unscannable(loc, "corrupt or unreadable archive");
        }
    }

    /** The end-of-central-directory record (PK 5 6) must sit in the last 22 + 65535 bytes. */
    static boolean hasEndOfCentralDirectory(byte[] z) {
        int lowest = Math.max(0, z.length - EMPTY_ZIP_SIZE - 65_535);
        for (int i = z.length - EMPTY_ZIP_SIZE; i >= lowest; i--) {
            if (z[i] == 'P' && z[i + 1] == 'K' && z[i + 2] == 5 && z[i + 3] == 6) {
                return true;
            }
        }
        return false;
    }
}
