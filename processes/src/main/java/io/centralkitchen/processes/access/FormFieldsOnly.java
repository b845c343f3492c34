package io.centralkitchen.processes.access;

import io.centralkitchen.routes.webhook.ReplayedRequest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * People complete a task (or start a process with a start form) with the fields of its form and nothing else: a
 * completion through the engine's REST API ({@code /engine-rest} and the webapps' {@code /camunda/api/engine}) that sets
 * any other variable — an id, a key, a decision the form does not offer — is refused with a 400 naming the field,
 * before the engine sees it. Disabled (display-only) fields are not the person's to set either. The forms are the
 * Camunda Forms of {@code forms/*.form}; a task without one takes no variables at all.
 */
public class FormFieldsOnly extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(FormFieldsOnly.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY = 256 * 1024;
    private static final Pattern TASK = Pattern.compile(
            "^(?:/engine-rest|/camunda/api/engine/engine/[^/]+)/task/([^/]+)/(complete|submit-form|resolve|claim|assignee)$");
    private static final Pattern START = Pattern.compile(
            "^(?:/engine-rest|/camunda/api/engine/engine/[^/]+)/process-definition/(key/([^/]+)(?:/tenant-id/([^/]+))?|([^/]+))/(start|submit-form)$");

    private final TaskService taskService;
    private final RepositoryService repositoryService;
    private final IdentityService identityService;
    private final Map<String, Set<String>> fieldsByForm;
    private final List<TaskGuard> guards;

    public FormFieldsOnly(TaskService taskService, RepositoryService repositoryService, IdentityService identityService,
                          List<TaskGuard> guards) {
        this.guards = List.copyOf(guards);
        this.taskService = taskService;
        this.repositoryService = repositoryService;
        this.identityService = identityService;
        this.fieldsByForm = loadForms();
    }

    /** The keys of the enabled fields of every form on the class path, by form id. */
    static Map<String, Set<String>> loadForms() {
        Map<String, Set<String>> forms = new HashMap<>();
        try {
            for (Resource r : new PathMatchingResourcePatternResolver().getResources("classpath*:forms/*.form")) {
                try (InputStream in = r.getInputStream()) {
                    JsonNode form = JSON.readTree(in);
                    Set<String> keys = new LinkedHashSet<>();
                    collect(form.path("components"), keys);
                    forms.put(form.path("id").asText(), keys);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the forms", e);
        }
        return Map.copyOf(forms);
    }

    private static void collect(JsonNode components, Set<String> keys) {
        for (JsonNode c : components) {
            if (c.hasNonNull("key") && !c.path("disabled").asBoolean(false) && !c.path("readonly").asBoolean(false)) {
                keys.add(c.get("key").asText());
            }
            collect(c.path("components"), keys);
        }
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        Matcher task = TASK.matcher(path);
        Matcher start = START.matcher(path);
        if (!task.matches() && !start.matches()) {
            chain.doFilter(request, response);
            return;
        }
        byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
        if (body.length > MAX_BODY) {
            refuse(response, "The request is larger than " + MAX_BODY + " bytes");
            return;
        }
        EngineCaller caller = EngineCaller.of(request, identityService);
        if (task.matches()) {
            Optional<String> refusal = guarded(task.group(1), task.group(2), caller, body);
            if (refusal.isPresent()) {
                log.info("Refused {} of task {} for {}: {}", task.group(2), task.group(1), caller.userId(), refusal.get());
                refuse(response, refusal.get());
                return;
            }
            if (task.group(2).equals("claim") || task.group(2).equals("assignee")) {
                chain.doFilter(new ReplayedRequest(request, body), response);
                return;
            }
        }
        Optional<Form> form = task.matches() ? taskForm(task.group(1), caller) : startForm(start);
        if (form.isPresent()) {
            List<String> names = variableNames(body);
            for (String name : names) {
                if (!form.get().fields().contains(name)) {
                    log.info("Refused setting '{}' through {} ({}): not a field of its form", name, path, form.get().name());
                    refuse(response, "'" + name + "' is not a field of the form of " + form.get().name() + "; only "
                            + (form.get().fields().isEmpty() ? "no variables" : String.join(", ", form.get().fields()))
                            + " may be set here");
                    return;
                }
            }
        }
        chain.doFilter(new ReplayedRequest(request, body), response);
    }

    private record Form(String name, Set<String> fields) {
    }

    /** What the task's guards say of this claim or completion. */
    private Optional<String> guarded(String taskId, String action, EngineCaller caller, byte[] body) throws IOException {
        if (guards.isEmpty()) {
            return Optional.empty();
        }
        Task t = EngineAsSystem.call(identityService, () -> taskService.createTaskQuery().taskId(taskId).singleResult());
        if (t == null) {
            return Optional.empty();
        }
        boolean taking = action.equals("claim") || action.equals("assignee");
        String user = taking ? (body.length == 0 ? null : JSON.readTree(body).path("userId").asText(null)) : caller.userId();
        if (user == null) {
            return Optional.empty();
        }
        for (TaskGuard guard : guards) {
            Optional<String> refusal = taking ? guard.refuseClaim(t, user) : guard.refuseCompletion(t, user);
            if (refusal.isPresent()) {
                return refusal;
            }
        }
        return Optional.empty();
    }

    private Optional<Form> taskForm(String taskId, EngineCaller caller) {
        Task t = EngineAsSystem.call(identityService, () -> taskService.createTaskQuery().taskId(taskId).initializeFormKeys()
                .singleResult());
        if (t == null) {
            return Optional.empty(); // the engine answers (another station's task never gets here: OtherStationsTasks)
        }
        String formId = t.getCamundaFormRef() != null ? t.getCamundaFormRef().getKey() : null;
        return Optional.of(new Form("task '" + t.getName() + "'", formId == null ? Set.of() : fieldsByForm.getOrDefault(formId, Set.of())));
    }

    private Optional<Form> startForm(Matcher start) {
        ProcessDefinition definition = EngineAsSystem.call(identityService, () -> {
            if (start.group(4) != null) {
                return repositoryService.createProcessDefinitionQuery().processDefinitionId(start.group(4)).singleResult();
            }
            var query = repositoryService.createProcessDefinitionQuery().processDefinitionKey(start.group(2)).latestVersion();
            return (start.group(3) != null ? query.tenantIdIn(start.group(3)) : query.withoutTenantId()).singleResult();
        });
        if (definition == null) {
            return Optional.empty();
        }
        BpmnModelInstance model = EngineAsSystem.call(identityService, () -> repositoryService.getBpmnModelInstance(definition.getId()));
        for (StartEvent event : model.getModelElementsByType(StartEvent.class)) {
            if (event.getParentElement() instanceof org.camunda.bpm.model.bpmn.instance.Process && event.getCamundaFormRef() != null) {
                return Optional.of(new Form("the start of '" + definition.getKey() + "'",
                        fieldsByForm.getOrDefault(event.getCamundaFormRef(), Set.of())));
            }
        }
        return Optional.empty(); // a process without a start form: its start permission decides
    }

    private static List<String> variableNames(byte[] body) throws IOException {
        if (body.length == 0) {
            return List.of();
        }
        JsonNode variables = JSON.readTree(body).path("variables");
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = variables.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    private static void refuse(HttpServletResponse response, String message) throws IOException {
        response.setStatus(400);
        response.setContentType("application/json");
        JSON.writeValue(response.getOutputStream(), Map.of("type", "InvalidRequestException", "message", message));
    }
}
