package io.centralkitchen.processes.access;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Another station's task does not exist for the caller, on the engine's REST API and in Tasklist alike: any call on
 * {@code .../task/<id>...} for a task of a station the caller does not work for is answered 404, naming nothing, before
 * the engine is asked (the engine would refuse with an error that names the task and its tenant check, which the
 * webapps' REST API answers as a 500).
 */
final class OtherStationsTasks extends OncePerRequestFilter {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TASK = Pattern.compile("^(?:/engine-rest|/camunda/api/engine/engine/[^/]+)/task/([^/]+)(?:/.*)?$");

    private final TaskService taskService;
    private final IdentityService identityService;

    OtherStationsTasks(TaskService taskService, IdentityService identityService) {
        this.taskService = taskService;
        this.identityService = identityService;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Matcher task = TASK.matcher(request.getRequestURI().substring(request.getContextPath().length()));
        if (task.matches() && !task.group(1).equals("count") && !visible(task.group(1), request)) {
            response.setStatus(404);
            response.setContentType("application/json");
            JSON.writeValue(response.getOutputStream(), Map.of("type", "InvalidRequestException", "message", "Not found"));
            return;
        }
        chain.doFilter(request, response);
    }

    private boolean visible(String taskId, HttpServletRequest request) {
        Task t = EngineAsSystem.call(identityService, () -> taskService.createTaskQuery().taskId(taskId).singleResult());
        if (t == null) {
            return true; // the engine answers for a task that does not exist
        }
        EngineCaller caller = EngineCaller.of(request, identityService);
        return caller.userId() == null || caller.sees(t.getTenantId()); // nobody signed in: the engine asks for credentials
    }
}
