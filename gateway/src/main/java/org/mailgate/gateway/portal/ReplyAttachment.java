package org.mailgate.gateway.portal;

/** A file the recipient attaches to a secure reply in the portal. */
public record ReplyAttachment(String fileName, String contentType, byte[] bytes) {
}
