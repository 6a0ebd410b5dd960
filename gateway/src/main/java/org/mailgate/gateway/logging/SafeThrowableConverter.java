package org.mailgate.gateway.logging;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;

/**
 * {@code %safeEx} in logback.xml: a stack trace whose exception messages (which may quote what a
 * client sent) are neutralised by {@link LogText}; the frames stay one per line as usual.
 */
public final class SafeThrowableConverter extends ThrowableProxyConverter {

    @Override
    protected String throwableProxyToString(IThrowableProxy tp) {
        return super.throwableProxyToString(tp == null ? null : new Neutralised(tp));
    }

    /** The same exception with its messages neutralised, its causes and suppressed ones too. */
    private record Neutralised(IThrowableProxy tp) implements IThrowableProxy {

        @Override
        public String getMessage() {
            return LogText.neutralise(tp.getMessage());
        }

        @Override
        public String getOverridingMessage() {
            return LogText.neutralise(tp.getOverridingMessage());
        }

        @Override
        public String getClassName() {
            return tp.getClassName();
        }

        @Override
        public StackTraceElementProxy[] getStackTraceElementProxyArray() {
            return tp.getStackTraceElementProxyArray();
        }

        @Override
        public int getCommonFrames() {
            return tp.getCommonFrames();
        }

        @Override
        public IThrowableProxy getCause() {
            return tp.getCause() == null ? null : new Neutralised(tp.getCause());
        }

        @Override
        public IThrowableProxy[] getSuppressed() {
            IThrowableProxy[] s = tp.getSuppressed();
            if (s == null) {
                return null;
            }
            IThrowableProxy[] out = new IThrowableProxy[s.length];
            for (int i = 0; i < s.length; i++) {
                out[i] = new Neutralised(s[i]);
            }
            return out;
        }

        @Override
        public boolean isCyclic() {
            return tp.isCyclic();
        }
    }
}
