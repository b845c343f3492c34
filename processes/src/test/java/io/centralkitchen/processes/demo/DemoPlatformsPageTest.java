package io.centralkitchen.processes.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /demo/platforms}: a page for browsers, JSON for API clients and curl. */
class DemoPlatformsPageTest {

    static final String CHROME = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8";

    @Test
    void browsersGetAPageAndEveryoneElseJson() throws Exception {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("templates/");
        resolver.setSuffix(".html");
        SpringTemplateEngine engine = new SpringTemplateEngine();
        engine.setTemplateResolver(resolver);
        DemoPlatformsController platforms = new DemoPlatformsController(engine);

        ResponseEntity<?> empty = platforms.received(CHROME);
        assertThat(empty.getHeaders().getContentType().isCompatibleWith(MediaType.TEXT_HTML)).isTrue();
        assertThat((String) empty.getBody()).contains("Nothing received yet");

        platforms.receive("demo-a", new ObjectMapper().readTree("{\"type\":\"post\",\"text\":\"<b>Harvest</b>\"}"));
        String page = (String) platforms.received(CHROME).getBody();
        assertThat(page).contains("<table id=\"received\"").contains("demo-a").contains("&lt;b&gt;Harvest&lt;/b&gt;")
                .doesNotContain("<b>Harvest</b>").doesNotContain("<script").doesNotContain("style=");

        for (String accept : new String[]{null, "*/*", "application/json", "application/json, text/html;q=0.9, */*;q=0.8"}) {
            ResponseEntity<?> json = platforms.received(accept);
            assertThat(json.getHeaders().getContentType()).as(accept).isEqualTo(MediaType.APPLICATION_JSON);
            assertThat(json.getBody()).as(accept).isInstanceOf(List.class);
        }
    }
}
