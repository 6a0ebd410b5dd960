package org.mailgate.classifier;

/**
 * As {@link AnchoredMatcher}, for a pattern whose shape is simple enough to check by hand: the
 * detector keeps its regex as the specification ({@code ShapeChecksTest} compares the two on
 * random text), and the scan runs the hand check, which costs a few char comparisons where a
 * regex attempt costs a matcher reset and a walk of its node tree (10,000 attempts per MB).
 */
final class AnchoredShape {
    /** A hand-written check of one pattern: where a match starting at {@code start} ends, or -1. */
    interface Shape {
        int endOfMatchAt(String text, int start);
    }

    private final Shape shape;
    private final String text;
    private int resumeAt;
    private int start;
    private int end;

    AnchoredShape(Shape shape, String text) {
        this.shape = shape;
        this.text = text;
    }

    /** True if the shape matches starting exactly at {@code start}; then {@link #start()} and {@link #end()} hold it. */
    boolean matchesAt(int start) {
        if (start < resumeAt || start < 0 || start >= text.length()) {
            return false;
        }
        int e = shape.endOfMatchAt(text, start);
        if (e < 0) {
            return false;
        }
        this.start = start;
        this.end = e;
        resumeAt = e > start ? e : e + 1;
        return true;
    }

    int start() {
        return start;
    }

    int end() {
        return end;
    }
}
