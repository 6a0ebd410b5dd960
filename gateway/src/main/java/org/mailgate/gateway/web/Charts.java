package org.mailgate.gateway.web;

import java.util.List;
import java.util.Locale;

/**
 * Charts drawn on the server as inline SVG: no script and no style attributes, so the pages'
 * strict Content-Security-Policy stays as it is (colours come from classes in the style
 * sheet). Every text is escaped here; each chart has a title and a description for screen
 * readers, and each mark a tooltip with its figure.
 */
final class Charts {

    /** One labelled figure. */
    record Bar(String label, long value) {
    }

    /** One series of a column chart: a name for the legend, a class for its colour, one value per column. */
    record Series(String name, String css, List<Long> values) {
    }

    private static final int WIDTH = 720;

    private Charts() {
    }

    /**
     * Columns grouped per label (a day), one per series, with a value axis and a legend;
     * every {@code labelEvery}th label is written under the axis.
     */
    static String columns(String id, String title, List<String> labels, List<Series> series, int labelEvery) {
        int height = 240;
        int left = 44;
        int right = 8;
        int top = 28;
        int bottom = 40;
        int plotW = WIDTH - left - right;
        int plotH = height - top - bottom;
        long max = 1;
        for (Series s : series) {
            for (long v : s.values()) {
                max = Math.max(max, v);
            }
        }
        long scale = niceCeiling(max);
        StringBuilder b = open(id, title, describe(labels, series), height);
        legend(b, series, left);
        for (int t = 0; t <= 4; t++) {
            long v = scale * t / 4;
            double y = top + plotH - (double) plotH * t / 4;
            b.append("<line class=\"grid\" x1=\"").append(left).append("\" x2=\"").append(WIDTH - right)
                    .append("\" y1=\"").append(fmt(y)).append("\" y2=\"").append(fmt(y)).append("\"/>")
                    .append("<text class=\"tick\" x=\"").append(left - 6).append("\" y=\"").append(fmt(y + 4))
                    .append("\" text-anchor=\"end\">").append(v).append("</text>");
        }
        int n = Math.max(1, labels.size());
        double group = (double) plotW / n;
        double bar = Math.max(1, (group - 2) / Math.max(1, series.size()));
        for (int i = 0; i < labels.size(); i++) {
            double x0 = left + i * group + 1;
            for (int s = 0; s < series.size(); s++) {
                long v = series.get(s).values().get(i);
                double h = (double) plotH * v / scale;
                b.append("<rect class=\"").append(esc(series.get(s).css())).append("\" x=\"").append(fmt(x0 + s * bar))
                        .append("\" y=\"").append(fmt(top + plotH - h)).append("\" width=\"").append(fmt(bar))
                        .append("\" height=\"").append(fmt(h)).append("\"><title>").append(esc(labels.get(i)))
                        .append(": ").append(v).append(' ').append(esc(series.get(s).name())).append("</title></rect>");
            }
            if (i % labelEvery == 0 || i == labels.size() - 1) {
                b.append("<text class=\"tick\" x=\"").append(fmt(x0 + group / 2)).append("\" y=\"")
                        .append(height - bottom + 16).append("\" text-anchor=\"middle\">").append(esc(labels.get(i)))
                        .append("</text>");
            }
        }
        b.append("<line class=\"axis\" x1=\"").append(left).append("\" x2=\"").append(WIDTH - right).append("\" y1=\"")
                .append(top + plotH).append("\" y2=\"").append(top + plotH).append("\"/>");
        return b.append("</svg>").toString();
    }

    /** Horizontal bars, one per figure, longest first as given, with the figure written after each bar. */
    static String bars(String id, String title, List<Bar> bars, String css) {
        int row = 26;
        int labelW = 250;
        int height = Math.max(1, bars.size()) * row + 8;
        long max = bars.stream().mapToLong(Bar::value).max().orElse(1);
        StringBuilder b = open(id, title, String.join("; ", bars.stream().map(x -> x.label() + " " + x.value())
                .toList()), height);
        if (bars.isEmpty()) {
            b.append("<text class=\"tick\" x=\"0\" y=\"18\">Nothing in this period.</text>");
        }
        int plotW = WIDTH - labelW - 60;
        for (int i = 0; i < bars.size(); i++) {
            Bar x = bars.get(i);
            int y = 4 + i * row;
            double w = max == 0 ? 0 : (double) plotW * x.value() / Math.max(1, max);
            b.append("<text class=\"label\" x=\"").append(labelW - 8).append("\" y=\"").append(y + 16)
                    .append("\" text-anchor=\"end\">").append(esc(shorten(x.label(), 38))).append("</text>")
                    .append("<rect class=\"").append(esc(css)).append("\" x=\"").append(labelW).append("\" y=\"")
                    .append(y + 3).append("\" width=\"").append(fmt(Math.max(w, x.value() > 0 ? 2 : 0)))
                    .append("\" height=\"").append(row - 8).append("\"><title>").append(esc(x.label())).append(": ")
                    .append(x.value()).append("</title></rect>")
                    .append("<text class=\"value\" x=\"").append(fmt(labelW + w + 6)).append("\" y=\"").append(y + 16)
                    .append("\">").append(x.value()).append("</text>");
        }
        return b.append("</svg>").toString();
    }

    private static StringBuilder open(String id, String title, String description, int height) {
        return new StringBuilder("<svg class=\"chart\" id=\"").append(esc(id)).append("\" viewBox=\"0 0 ").append(WIDTH)
                .append(' ').append(height).append("\" role=\"img\" aria-labelledby=\"").append(esc(id))
                .append("-title ").append(esc(id)).append("-desc\" xmlns=\"http://www.w3.org/2000/svg\"><title id=\"")
                .append(esc(id)).append("-title\">").append(esc(title)).append("</title><desc id=\"").append(esc(id))
                .append("-desc\">").append(esc(description)).append("</desc>");
    }

    private static void legend(StringBuilder b, List<Series> series, int left) {
        int x = left;
        for (Series s : series) {
            b.append("<rect class=\"").append(esc(s.css())).append("\" x=\"").append(x).append("\" y=\"6\" width=\"12\" "
                    + "height=\"12\"/><text class=\"label\" x=\"").append(x + 16).append("\" y=\"16\">")
                    .append(esc(s.name())).append("</text>");
            x += 28 + 8 * s.name().length();
        }
    }

    private static String describe(List<String> labels, List<Series> series) {
        StringBuilder d = new StringBuilder();
        for (Series s : series) {
            long total = s.values().stream().mapToLong(Long::longValue).sum();
            d.append(d.length() == 0 ? "" : "; ").append(s.name()).append(": ").append(total).append(" in all");
        }
        return d.append(labels.isEmpty() ? "" : ", from " + labels.get(0) + " to " + labels.get(labels.size() - 1))
                .toString();
    }

    /** The top of the value axis: a round number at or above {@code max} that splits into four ticks. */
    static long niceCeiling(long max) {
        for (long p = 1; ; p *= 10) {
            for (long m : new long[] {4, 8, 12, 20, 40, 60, 80}) {
                if (m * p >= max) {
                    return m * p;
                }
            }
        }
    }

    private static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    static String esc(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c < 0x20 && c != '\t' ? ' ' : c);
            }
        }
        return out.toString();
    }
}
