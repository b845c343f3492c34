package io.centralkitchen.media.ops;

import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * The text laid over a teaser part or a clip's rendition: product name and price in a lower-third band, the show's
 * date and time in a band at the top, the station's watermark (text and/or logo) in a corner, top right unless the
 * station or platform chose another ({@link Watermark}). Drawn once per part into a
 * transparent image that is then laid over every frame.
 */
final class Caption {

    private static final Color BAND = new Color(0, 0, 0, 150);
    private static final Color PRICE = new Color(255, 214, 10);
    private static final Color MARK = new Color(255, 255, 255, 190);
    private static final Color SHADOW = new Color(0, 0, 0, 140);

    private Caption() {
    }

    static BufferedImage render(int width, int height, Font font, String title, String price, String showLine) {
        return render(width, height, font, title, price, showLine, (Watermark) null);
    }

    static BufferedImage render(int width, int height, Font font, String title, String price, String showLine, String watermark) {
        return render(width, height, font, title, price, showLine, Watermark.text(watermark));
    }

    static BufferedImage render(int width, int height, Font font, String title, String price, String showLine, Watermark mark) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            int unit = Math.min(width, height);
            int margin = unit / 24;
            if (mark != null && !mark.isEmpty()) {
                drawMark(g, mark, width, height, unit, margin, notBlank(showLine), font);
            }
            if (notBlank(showLine)) {
                Font f = fit(g, font.deriveFont(Font.BOLD, unit / 16f), showLine, width - 2 * margin);
                FontMetrics m = g.getFontMetrics(f);
                int bandHeight = m.getHeight() + margin;
                g.setColor(BAND);
                g.fillRect(0, 0, width, bandHeight);
                g.setColor(Color.WHITE);
                g.setFont(f);
                g.drawString(showLine, (width - m.stringWidth(showLine)) / 2, margin / 2 + m.getAscent());
            }
            if (notBlank(title) || notBlank(price)) {
                Font titleFont = fit(g, font.deriveFont(Font.BOLD, unit / 12f), nz(title), width - 2 * margin);
                Font priceFont = fit(g, font.deriveFont(Font.BOLD, unit / 9f), nz(price), width - 2 * margin);
                FontMetrics tm = g.getFontMetrics(titleFont);
                FontMetrics pm = g.getFontMetrics(priceFont);
                int bandHeight = (notBlank(title) ? tm.getHeight() : 0) + (notBlank(price) ? pm.getHeight() : 0) + margin;
                int top = height - bandHeight - height / 10;
                g.setColor(BAND);
                g.fillRoundRect(margin / 2, top, width - margin, bandHeight, margin, margin);
                int y = top + margin / 2;
                if (notBlank(title)) {
                    g.setFont(titleFont);
                    g.setColor(Color.WHITE);
                    g.drawString(title, margin, y + tm.getAscent());
                    y += tm.getHeight();
                }
                if (notBlank(price)) {
                    g.setFont(priceFont);
                    g.setColor(PRICE);
                    g.drawString(price, margin, y + pm.getAscent());
                }
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    /**
     * The mark in its corner: the logo (at most a quarter of the shorter side wide, an eighth high) and the text beside
     * it, towards the frame's middle; at the top below the show's band, at the bottom in the margin under the caption.
     */
    private static void drawMark(Graphics2D g, Watermark mark, int width, int height, int unit, int margin, boolean topBand,
                                 Font font) {
        int logoW = 0;
        int logoH = 0;
        if (mark.image() != null) {
            double scale = Math.min(unit / 4.0 / mark.image().getWidth(), unit / 8.0 / mark.image().getHeight());
            logoW = Math.max(1, (int) Math.round(mark.image().getWidth() * scale));
            logoH = Math.max(1, (int) Math.round(mark.image().getHeight() * scale));
        }
        String text = mark.text();
        Font f = text == null ? null : fit(g, font.deriveFont(Font.BOLD, unit / 22f), text, width / 2 - logoW);
        FontMetrics m = f == null ? null : g.getFontMetrics(f);
        int rowHeight = Math.max(logoH, m == null ? 0 : m.getHeight());
        int top = mark.bottom() ? height - margin - rowHeight
                : (topBand ? g.getFontMetrics(font.deriveFont(Font.BOLD, unit / 16f)).getHeight() + 2 * margin : margin);
        int textWidth = m == null ? 0 : m.stringWidth(text);
        int gap = logoW > 0 && m != null ? margin / 2 : 0;
        int x = mark.left() ? margin : width - margin - logoW - gap - textWidth;
        if (logoW > 0) {
            int lx = mark.left() ? x : width - margin - logoW;
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(mark.image(), lx, top + (rowHeight - logoH) / 2, logoW, logoH, null);
        }
        if (m != null) {
            int tx = mark.left() ? x + logoW + gap : x;
            int y = top + (rowHeight - m.getHeight()) / 2 + m.getAscent();
            g.setFont(f);
            g.setColor(SHADOW);
            g.drawString(text, tx + 2, y + 2);
            g.setColor(MARK);
            g.drawString(text, tx, y);
        }
    }

    /** Lays a caption over a frame image. */
    static void overlay(BufferedImage frame, BufferedImage caption) {
        Graphics2D g = frame.createGraphics();
        try {
            g.setComposite(AlphaComposite.SrcOver);
            g.drawImage(caption, 0, 0, null);
        } finally {
            g.dispose();
        }
    }

    /** The font at its size, made smaller until the text fits the width (long product names). */
    private static Font fit(Graphics2D g, Font font, String text, int maxWidth) {
        Font f = font;
        while (f.getSize2D() > 12 && g.getFontMetrics(f).stringWidth(text) > maxWidth) {
            f = f.deriveFont(f.getSize2D() * 0.9f);
        }
        return f;
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
