package org.mailgate.classifier;

/** Extracted text and where it came from ({@code subject}, {@code body}, {@code attachment:a.zip/b.docx}). */
record Segment(String location, String text) {
}
