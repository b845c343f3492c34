package io.centralkitchen.processes.show.plan;

import io.centralkitchen.processes.show.ShowPlan;
import io.centralkitchen.processes.api.ApiExceptionHandler.InvalidFieldException;
import io.centralkitchen.processes.show.ShowService;
import io.centralkitchen.processes.show.ShowVariables;
import io.centralkitchen.processes.show.Shows;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

import java.util.Arrays;
import java.util.Date;
import java.util.List;

/**
 * The start of a show: a show planned through the API exists already; one started from Tasklist's start form is checked
 * here and stored — a refusal aborts the start, and Tasklist shows the message naming the field. The business key
 * becomes the show id.
 */
@Component("prepareShow")
public class PrepareShow implements ExecutionListener {

    private final Shows shows;
    private final ShowPlanner planner;
    private final ShowService service;


    public PrepareShow(Shows shows, ShowPlanner planner, ShowService service) {
        this.shows = shows;
        this.planner = planner;
        this.service = service;
    }

    @Override
    public void notify(DelegateExecution execution) {
        // Planned through the API (ShowService), in this very transaction: the show is of this station and has no
        // process yet — a start form naming an existing show (of this station or another) is checked like any other plan.
        String showId = execution.getProcessBusinessKey();
        if (showId != null && shows.find(execution.getTenantId(), showId).filter(s -> s.processInstanceId() == null).isPresent()) {
            return;
        }
        ShowPlanner.Checked checked;
        try {
            checked = planner.check(fromForm(execution), ShowVariables.optionalText(execution, "initiator") == null ? "tasklist"
                    : ShowVariables.optionalText(execution, "initiator"));
        } catch (InvalidFieldException e) {
            throw new BadUserRequestException("The show cannot be planned — " + formField(e.field()) + ": " + e.getMessage());
        }
        shows.insert(checked.show(), checked.destinations(), checked.slots(), checked.sources());
        service.recheckEvidence(checked.show(), shows.slots(checked.show().id()));
        shows.setProcessInstance(checked.show().id(), execution.getProcessInstanceId());
        execution.setProcessBusinessKey(checked.show().id());
        execution.setVariable("showId", checked.show().id());
        execution.setVariable("stationId", checked.show().stationId());
        execution.setVariable("showTitle", checked.show().title());
        execution.setVariable("airTime", Date.from(checked.show().airTime()));
    }

    private static ShowPlan fromForm(DelegateExecution execution) {
        Object minutes = execution.getVariable("slotMinutes");
        Integer seconds = minutes instanceof Number n ? (int) Math.round(n.doubleValue() * 60) : null;
        List<ShowPlan.Slot> slots = split(ShowVariables.optionalText(execution, "products")).stream().map(id -> {
            try {
                return new ShowPlan.Slot(Long.parseLong(id), seconds, null, null);
            } catch (NumberFormatException e) {
                throw new BadUserRequestException("The show cannot be planned — Products in air order: '" + id
                        + "' is not a product id (write the ids separated by commas, e.g. 12, 15, 19)");
            }
        }).toList();
        List<ShowPlan.Destination> destinations = split(ShowVariables.optionalText(execution, "destinations")).stream()
                .map(preset -> new ShowPlan.Destination(null, preset, null, null, null)).toList();
        Object airTime = execution.getVariable("airTime");
        return new ShowPlan(ShowVariables.optionalText(execution, "showId"), execution.getTenantId(),
                ShowVariables.optionalText(execution, "showTitle"),
                airTime instanceof Date d ? d.toInstant().toString() : airTime == null ? null : airTime.toString(),
                split(ShowVariables.optionalText(execution, "hosts")),
                new ShowPlan.Ingest(ShowVariables.optionalText(execution, "ingestMode"),
                        ShowVariables.optionalText(execution, "ingestSecretId")), destinations, slots);
    }

    private static List<String> split(String text) {
        return text == null ? List.of() : Arrays.stream(text.split("[,，\\s]+")).filter(s -> !s.isBlank()).toList();
    }

    /** The start form's label for a field the planner names. */
    private static String formField(String field) {
        if (field == null) {
            return "The form";
        }
        if (field.startsWith("slots")) {
            return "Products in air order";
        }
        if (field.startsWith("destinations")) {
            return "Destinations";
        }
        return switch (field) {
            case "id" -> "Show id";
            case "title" -> "Title";
            case "airTime" -> "Air time";
            case "hosts" -> "Hosts";
            case "ingest.mode" -> "Studio feed";
            case "ingest.keySecretId" -> "Ingest secret id";
            default -> field;
        };
    }
}
