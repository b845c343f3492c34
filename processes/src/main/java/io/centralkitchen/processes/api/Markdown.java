package io.centralkitchen.processes.api;

/**
 * Text that suppliers, customers or platforms wrote, made safe for the Markdown of Tasklist forms and task
 * descriptions: every character Markdown or HTML would read as markup is escaped, line breaks become spaces, and the
 * text is cut to a length. What a supplier names a file cannot become a link, an image, a heading or HTML in a
 * reviewer's form.
 */
public final class Markdown {

    /** Inline markup (emphasis, code, links, images, tables); line-start markers cannot occur: line breaks are removed. */
    private static final String SPECIAL = "\\`*_{}[]()!|~";

    private Markdown() {
    }

    public static String text(String value) {
        return text(value, 500);
    }

    public static String text(String value, int maxLength) {
        if (value == null) {
            return "";
        }
        String cut = value.length() > maxLength ? value.substring(0, maxLength) + "…" : value;
        StringBuilder out = new StringBuilder(cut.length() + 16);
        for (int i = 0; i < cut.length(); i++) {
            char c = cut.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\r', '\n', '\t' -> out.append(' ');
                default -> {
                    if (Character.isISOControl(c)) {
                        continue;
                    }
                    if (SPECIAL.indexOf(c) >= 0) {
                        out.append('\\');
                    }
                    out.append(c);
                }
            }
        }
        return out.toString();
    }
}
