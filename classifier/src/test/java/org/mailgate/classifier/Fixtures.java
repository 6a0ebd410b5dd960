package org.mailgate.classifier;

import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.poifs.crypt.EncryptionInfo;
import org.apache.poi.poifs.crypt.EncryptionMode;
import org.apache.poi.poifs.crypt.Encryptor;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFTextBox;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;

/** Builds test messages and documents in code, deterministically (fixed dates, no randomness). */
final class Fixtures {
    private static final Session SESSION = Session.getInstance(new Properties());
    static final Date FIXED_DATE = new Date(1_700_000_000_000L);

    private Fixtures() {
    }

    record Attachment(String name, String type, byte[] data) {
    }

    /** A message builder: subject, optional plain and HTML bodies (alternative), attachments (mixed). */
    static final class Mail {
        private String subject = "";
        private String from = "alice@council.example";
        private String to = "bob@partner.example";
        private String text;
        private String html;
        private final List<Attachment> attachments = new ArrayList<>();
        private final Map<String, String> headers = new LinkedHashMap<>();

        Mail subject(String s) { subject = s; return this; }
        Mail from(String s) { from = s; return this; }
        Mail to(String s) { to = s; return this; }
        Mail text(String s) { text = s; return this; }
        Mail html(String s) { html = s; return this; }
        Mail header(String k, String v) { headers.put(k, v); return this; }
        Mail attach(String name, String type, byte[] data) { attachments.add(new Attachment(name, type, data)); return this; }

        MimeMessage mime() {
            try {
                MimeMessage m = new MimeMessage(SESSION);
                m.setFrom(new InternetAddress(from));
                m.setRecipients(Message.RecipientType.TO, to);
                m.setSubject(subject, "UTF-8");
                m.setSentDate(FIXED_DATE);
                MimeBodyPart body;
                if (text != null && html != null) {
                    MimeMultipart alt = new MimeMultipart("alternative");
                    alt.addBodyPart(textPart(text, "plain"));
                    alt.addBodyPart(textPart(html, "html"));
                    body = new MimeBodyPart();
                    body.setContent(alt);
                } else {
                    body = html != null ? textPart(html, "html") : textPart(text == null ? "" : text, "plain");
                }
                if (attachments.isEmpty() && (text == null || html == null)) {
                    // one part: the message itself carries it (its own Content-Type, not a copy that loses "html")
                    m.setText(html != null ? html : text == null ? "" : text, "UTF-8", html != null ? "html" : "plain");
                } else if (attachments.isEmpty()) {
                    m.setContent((MimeMultipart) body.getContent());
                } else {
                    MimeMultipart mixed = new MimeMultipart("mixed");
                    mixed.addBodyPart(body);
                    for (Attachment a : attachments) {
                        MimeBodyPart p = new MimeBodyPart();
                        p.setDataHandler(new DataHandler(new ByteArrayDataSource(a.data(), a.type())));
                        p.setFileName(a.name());
                        p.setDisposition(MimeBodyPart.ATTACHMENT);
                        mixed.addBodyPart(p);
                    }
                    m.setContent(mixed);
                }
                // after the content, which resets Content-Transfer-Encoding; saveChanges keeps one that is set
                for (Map.Entry<String, String> h : headers.entrySet()) {
                    m.setHeader(h.getKey(), h.getValue());
                }
                m.saveChanges();
                m.setHeader("Message-ID", "<" + Integer.toHexString((subject + text + html).hashCode()) + "@test.example>");
                return m;
            } catch (MessagingException | IOException e) {
                throw new IllegalStateException(e);
            }
        }

        byte[] bytes() {
            try {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                mime().writeTo(out);
                return out.toByteArray();
            } catch (MessagingException | IOException e) {
                throw new IllegalStateException(e);
            }
        }

        private static MimeBodyPart textPart(String s, String subtype) throws MessagingException {
            MimeBodyPart p = new MimeBodyPart();
            p.setText(s, "UTF-8", subtype);
            return p;
        }
    }

    static Mail mail() {
        return new Mail();
    }

    static byte[] docx(String... paragraphs) {
        try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (String p : paragraphs) {
                doc.createParagraph().createRun().setText(p);
            }
            doc.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] xlsx(String[]... rows) {
        return workbook(new XSSFWorkbook(), rows);
    }

    static byte[] xls(String[]... rows) {
        return workbook(new HSSFWorkbook(), rows);
    }

    private static byte[] workbook(Workbook wb, String[]... rows) {
        try (wb; ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = wb.createSheet("Sheet1");
            for (int r = 0; r < rows.length; r++) {
                Row row = sheet.createRow(r);
                for (int c = 0; c < rows[r].length; c++) {
                    row.createCell(c).setCellValue(rows[r][c]);
                }
            }
            wb.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] pptx(String text) {
        try (XMLSlideShow show = new XMLSlideShow(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            XSLFTextBox box = show.createSlide().createTextBox();
            box.setText(text);
            box.setAnchor(new java.awt.geom.Rectangle2D.Double(50, 50, 500, 300));
            show.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] pdf(String text) {
        return pdf(text, null);
    }

    /** A PDF with the given lines; with a user password it cannot be opened without it. */
    static byte[] pdf(String text, String userPassword) {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage();
            doc.addPage(page);
            try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                cs.beginText();
                cs.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 11);
                cs.setLeading(14);
                cs.newLineAtOffset(50, 720);
                for (String line : text.split("\n")) {
                    cs.showText(line);
                    cs.newLine();
                }
                cs.endText();
            }
            if (userPassword != null) {
                StandardProtectionPolicy policy = new StandardProtectionPolicy("owner-" + userPassword, userPassword, new AccessPermission());
                policy.setEncryptionKeyLength(128);
                doc.protect(policy);
            }
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An OOXML document encrypted with a password (agile encryption, as Office does). */
    static byte[] encryptOoxml(byte[] ooxml, String password) {
        try (POIFSFileSystem fs = new POIFSFileSystem(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            EncryptionInfo info = new EncryptionInfo(EncryptionMode.agile);
            Encryptor enc = info.getEncryptor();
            enc.confirmPassword(password);
            try (OutputStream os = enc.getDataStream(fs)) {
                os.write(ooxml);
            }
            fs.writeFilesystem(out);
            return out.toByteArray();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] rtf(String text) {
        return ("{\\rtf1\\ansi\\deff0{\\fonttbl{\\f0 Arial;}}\\f0\\fs22 " + text.replace("\n", "\\par\n") + "\\par}")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * A minimal Outlook .msg: an OLE2 file holding the subject and the plain-text body as the MAPI
     * property streams Outlook writes for them (PR_SUBJECT 0x0037 and PR_BODY 0x1000, Unicode),
     * and an empty top-level property stream.
     */
    static byte[] msg(String subject, String body) {
        try (POIFSFileSystem fs = new POIFSFileSystem(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            fs.createDocument(new java.io.ByteArrayInputStream(subject.getBytes(StandardCharsets.UTF_16LE)), "__substg1.0_0037001F");
            fs.createDocument(new java.io.ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_16LE)), "__substg1.0_1000001F");
            fs.createDocument(new java.io.ByteArrayInputStream(new byte[32]), "__properties_version1.0");
            fs.writeFilesystem(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A minimal winmail.dat (TNEF, MS-OXTNEF): the signature, a key, then one attachment, made of
     * its attAttachRendData, attAttachTitle (the file name) and attAttachData (the file)
     * attributes, each with its level, id, length and checksum.
     */
    static byte[] tnef(String fileName, byte[] file) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeLittleEndian(out, 0x223E9F78, 4);
        writeLittleEndian(out, 0x0001, 2);
        tnefAttribute(out, 0x0006_9002, new byte[14]); // attAttachRendData: starts the attachment
        tnefAttribute(out, 0x0001_8010, (fileName + "\0").getBytes(StandardCharsets.ISO_8859_1)); // attAttachTitle
        tnefAttribute(out, 0x0006_800F, file); // attAttachData
        return out.toByteArray();
    }

    private static void tnefAttribute(ByteArrayOutputStream out, int id, byte[] data) {
        out.write(0x02); // attachment level
        writeLittleEndian(out, id, 4);
        writeLittleEndian(out, data.length, 4);
        out.writeBytes(data);
        int sum = 0;
        for (byte b : data) {
            sum += b & 0xff;
        }
        writeLittleEndian(out, sum & 0xffff, 2);
    }

    private static void writeLittleEndian(ByteArrayOutputStream out, int value, int bytes) {
        for (int i = 0; i < bytes; i++) {
            out.write(value >>> (8 * i) & 0xff);
        }
    }

    /** A minimal OpenDocument text file: mimetype (stored, first) + manifest + content.xml. */
    static byte[] odt(String text) {
        String content = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\""
                + " xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" office:version=\"1.2\">"
                + "<office:body><office:text><text:p>" + text.replace("&", "&amp;").replace("<", "&lt;")
                + "</text:p></office:text></office:body></office:document-content>";
        String manifest = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" manifest:version=\"1.2\">"
                + "<manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"application/vnd.oasis.opendocument.text\"/>"
                + "<manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/>"
                + "</manifest:manifest>";
        try (ByteArrayOutputStream bos = new ByteArrayOutputStream(); ZipOutputStream zip = new ZipOutputStream(bos)) {
            byte[] mt = "application/vnd.oasis.opendocument.text".getBytes(StandardCharsets.US_ASCII);
            ZipEntry e = new ZipEntry("mimetype");
            e.setMethod(ZipEntry.STORED);
            e.setSize(mt.length);
            CRC32 crc = new CRC32();
            crc.update(mt);
            e.setCrc(crc.getValue());
            e.setTime(FIXED_DATE.getTime());
            zip.putNextEntry(e);
            zip.write(mt);
            zip.closeEntry();
            putEntry(zip, "META-INF/manifest.xml", manifest.getBytes(StandardCharsets.UTF_8));
            putEntry(zip, "content.xml", content.getBytes(StandardCharsets.UTF_8));
            zip.finish();
            return bos.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] zip(Map<String, byte[]> entries) {
        try (ByteArrayOutputStream bos = new ByteArrayOutputStream(); ZipOutputStream zip = new ZipOutputStream(bos)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                putEntry(zip, e.getKey(), e.getValue());
            }
            zip.finish();
            return bos.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void putEntry(ZipOutputStream zip, String name, byte[] data) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setTime(FIXED_DATE.getTime());
        zip.putNextEntry(e);
        zip.write(data);
        zip.closeEntry();
    }

    /**
     * A ZIP whose entries claim to be encrypted (general-purpose flag bit 0 set in the local and
     * central headers), as a password-protected archive does; the content is not really encrypted.
     */
    static byte[] passwordProtectedZip(Map<String, byte[]> entries) {
        byte[] z = zip(entries);
        for (int i = 0; i + 8 < z.length; i++) {
            if (z[i] == 'P' && z[i + 1] == 'K' && z[i + 2] == 3 && z[i + 3] == 4) {
                z[i + 6] |= 1; // local file header: flags at offset 6
            } else if (z[i] == 'P' && z[i + 1] == 'K' && z[i + 2] == 1 && z[i + 3] == 2) {
                z[i + 8] |= 1; // central directory header: flags at offset 8
            }
        }
        return z;
    }

    /** A single entry of {@code size} zero bytes: compresses about 1000:1. */
    static byte[] zipBomb(int size) {
        try (ByteArrayOutputStream bos = new ByteArrayOutputStream(); ZipOutputStream zip = new ZipOutputStream(bos)) {
            ZipEntry e = new ZipEntry("zeros.txt");
            e.setTime(FIXED_DATE.getTime());
            zip.putNextEntry(e);
            byte[] chunk = new byte[1 << 20];
            for (int written = 0; written < size; written += chunk.length) {
                zip.write(chunk, 0, Math.min(chunk.length, size - written));
            }
            zip.closeEntry();
            zip.finish();
            return bos.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
