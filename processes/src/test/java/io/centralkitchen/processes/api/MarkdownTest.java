package io.centralkitchen.processes.api;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What a supplier writes (file names, issuers, product text) reaches a reviewer's Tasklist form as text, never as markup. */
class MarkdownTest {

    @Test
    void linksImagesHtmlAndHeadingsStayText() {
        String hostile = "report.pdf](http://evil.example/x) ![pixel](http://evil.example/p.png)\n# Approved <img src=x onerror=alert(1)> & *now*";

        String safe = Markdown.text(hostile);

        assertThat(safe).isEqualTo("report.pdf\\]\\(http://evil.example/x\\) \\!\\[pixel\\]\\(http://evil.example/p.png\\)"
                + " # Approved &lt;img src=x onerror=alert\\(1\\)&gt; &amp; \\*now\\*");
        assertThat(safe).doesNotContain("<").doesNotContain("\n");
    }

    @Test
    void controlCharactersGoAndLongTextIsCut() {
        assertThat(Markdown.text("a\u0000b\u001bc\td")).isEqualTo("abc d");
        assertThat(Markdown.text("x".repeat(600))).hasSize(501).endsWith("…");
        assertThat(Markdown.text(null)).isEmpty();
    }
}
