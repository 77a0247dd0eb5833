package dev.gradsum.cli.report;

/**
 * Escapes text for HTML element content and quoted attribute values. Every piece of dataset, model
 * or user text that goes into {@code report.html} passes through here, so a row holding
 * {@code <script>} shows as text and never becomes an element.
 */
final class HtmlEscape {
    private HtmlEscape() {}

    /** {@code text} with {@code & < > " '} replaced by entities; {@code null} becomes "". */
    static String of(String text) {
        if (text == null) return "";
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            String entity = switch (ch) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> null;
            };
            if (entity == null) {
                if (out != null) out.append(ch);
            } else {
                if (out == null) out = new StringBuilder(text.length() + 16).append(text, 0, i);
                out.append(entity);
            }
        }
        return out == null ? text : out.toString();
    }
}
