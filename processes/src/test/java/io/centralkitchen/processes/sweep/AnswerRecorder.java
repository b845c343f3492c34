package io.centralkitchen.processes.sweep;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Tests only: keeps the text answers of the platform's own surface (API, pages, actuator, webhooks, the engine's REST
 * API) for the secret sweep. Media (HLS segments, downloads) passes untouched.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class AnswerRecorder extends OncePerRequestFilter {

    public AnswerRecorder() {
        Captured.install();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        String accept = request.getHeader("Accept");
        // long polls and event streams answer asynchronously, after this filter returned: a caching wrapper would swallow them
        return path.endsWith(".ts") || path.endsWith("/file") || path.startsWith("/camunda/app/") || path.startsWith("/webjars/")
                || path.contains("/external-task/") || (accept != null && accept.contains("text/event-stream"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ContentCachingResponseWrapper wrapper = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(request, wrapper);
        } finally {
            String type = wrapper.getContentType();
            if (type == null || type.contains("json") || type.contains("text") || type.contains("mpegurl") || type.contains("xml")) {
                byte[] body = wrapper.getContentAsByteArray();
                Captured.answer(request.getMethod(), request.getRequestURI(), wrapper.getStatus(),
                        new String(body, 0, Math.min(body.length, 256 * 1024), StandardCharsets.UTF_8));
            }
            wrapper.copyBodyToResponse();
        }
    }
}
