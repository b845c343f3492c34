package io.centralkitchen.processes.show;

import java.util.LinkedHashMap;
import io.centralkitchen.processes.archive.ArchiveSubject;
import io.centralkitchen.processes.archive.ArchiveLog;
import io.centralkitchen.processes.show.plan.ShowPlanner;
import io.centralkitchen.processes.show.live.cluster.LiveCluster;
import io.centralkitchen.processes.api.ApiExceptionHandler.ConflictException;
import io.centralkitchen.processes.api.ApiExceptionHandler.NotFoundException;
import io.centralkitchen.processes.catalogue.Product;
import io.centralkitchen.processes.catalogue.Products;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What producers do with a show through the API: plan it (rows and the {@code show} process in one transaction),
 * change its rundown before air, put products on air and end it — the last two by completing live-show's "On air"
 * task, exactly as Tasklist does, so both ways take the same path through the model.
 */
@Service
public class ShowService {

    /** A planned show and anything producers should know about it (e.g. a product sent back into review). */
    public record Planned(Show show, List<String> warnings) {
    }

    /** A product slot put on air (or already on air before: a repeated call changes nothing). */
    public record SlotOnAir(int position, long productId, long programMillis, boolean alreadyOnAir) {
    }

    private final ShowPlanner planner;
    private final Shows shows;
    private final RuntimeService runtimeService;
    private final TaskService taskService;
    private final LiveCluster cluster;
    private final Products products;
    private final AsSystem asSystem;
    private final ArchiveLog archive;
    private final ShowCommerce hosts;

    public ShowService(ShowPlanner planner, Shows shows, RuntimeService runtimeService, TaskService taskService,
                       LiveCluster cluster, Products products, AsSystem asSystem, ArchiveLog archive, ShowCommerce hosts) {
        this.archive = archive;
        this.hosts = hosts;
        this.planner = planner;
        this.shows = shows;
        this.runtimeService = runtimeService;
        this.taskService = taskService;
        this.cluster = cluster;
        this.products = products;
        this.asSystem = asSystem;
    }

    /** Stores the checked plan and starts its {@code show} process as the caller (who needs the right to). */
    @Transactional
    public Planned create(ShowPlan plan, String createdBy) {
        ShowPlanner.Checked checked = planner.check(plan, createdBy);
        Show show = checked.show();
        shows.insert(show, checked.destinations(), checked.slots(), checked.sources());
        hosts.assignHosts(show.stationId(), show.id(), checked.hosts().showHostIds(), checked.hosts().slotHostIds());
        archiveRundown(show, createdBy);
        List<String> warnings = recheckEvidence(show, shows.slots(show.id()));
        Map<String, Object> variables = new HashMap<>();
        variables.put("showId", show.id());
        variables.put("stationId", show.stationId());
        variables.put("showTitle", show.title());
        variables.put("airTime", Date.from(show.airTime()));
        String instanceId = runtimeService.createProcessInstanceByKey(ShowProcesses.SHOW).processDefinitionTenantId(show.stationId())
                .businessKey(show.id()).setVariables(variables).execute().getId();
        shows.setProcessInstance(show.id(), instanceId);
        return new Planned(shows.require(show.id()), warnings);
    }

    /**
     * The show date becomes every product's next show date (the catalogue tells pre-selection, which sends a product
     * whose evidence expires before it back into review): a product no longer approved afterwards is a warning.
     */
    public List<String> recheckEvidence(Show show, List<ShowSlot> slots) {
        LocalDate day = show.airTime().atZone(ZoneId.systemDefault()).toLocalDate();
        List<String> warnings = new ArrayList<>();
        for (ShowSlot slot : slots) {
            products.scheduleForShow(show.stationId(), slot.productId(), day);
            if (!Product.APPROVED.equals(products.require(show.stationId(), slot.productId()).status())) {
                warnings.add("Product " + slot.productId() + " is back in pre-selection review (its evidence must be valid on "
                        + day + "); it airs only once approved again");
            }
        }
        return warnings;
    }

    /** A new rundown before air. */
    @Transactional
    public List<String> changeRundown(Show show, List<ShowPlan.Slot> slots) {
        List<Long> showHosts = hosts.showHosts(show.stationId(), show.id());
        ShowPlanner.CheckedRundown rundown = planner.rundown(show.stationId(), showHosts, slots, "slots",
                hosts.slotHostsByProduct(show.stationId(), show.id()));
        hosts.clearHosts(show.stationId(), show.id());
        if (!shows.replaceSlots(show.id(), rundown.slots())) {
            throw new ConflictException("The rundown of show '" + show.id() + "' is fixed: the show is " + show.state());
        }
        hosts.assignHosts(show.stationId(), show.id(), showHosts, rundown.hosts().slotHostIds());
        archiveRundown(show, null);
        return recheckEvidence(show, shows.slots(show.id()));
    }

    /** The rundown as it is now (who changed it, when: the entry), and the show's link to each of its products. */
    private void archiveRundown(Show show, String changedBy) {
        List<Map<String, Object>> slots = new ArrayList<>();
        Map<Long, String> names = hosts.hostNames(show.stationId());
        Map<Integer, List<Long>> slotHosts = hosts.slotHosts(show.stationId(), show.id());
        List<Long> showHosts = hosts.showHosts(show.stationId(), show.id());
        for (ShowSlot s : shows.slots(show.id())) {
            Map<String, Object> slot = new LinkedHashMap<>();
            slot.put("position", s.position());
            slot.put("productId", s.productId());
            slot.put("plannedSeconds", s.plannedSeconds());
            slot.put("price", s.price() == null ? null : s.price().toPlainString());
            slot.put("flashSalePrice", s.flashSalePrice() == null ? null : s.flashSalePrice().toPlainString());
            slot.put("flashSaleStock", s.flashSaleStock());
            // who presents it: its own hosts, or else the show's (id and display name)
            slot.put("presentedBy", slotHosts.getOrDefault(s.position(), showHosts).stream()
                    .map(h -> h + " " + names.get(h)).toList());
            slots.add(slot);
            archive.link(show.stationId(), ArchiveSubject.show(show.id()), ArchiveSubject.product(s.productId()), changedBy);
        }
        Map<String, Object> rundown = new LinkedHashMap<>();
        rundown.put("showId", show.id());
        rundown.put("title", show.title());
        rundown.put("airTime", show.airTime().toString());
        rundown.put("hosts", show.hosts());
        rundown.put("hostIds", showHosts);
        rundown.put("destinations", shows.destinations(show.id()).stream().map(d -> d.destinationId() + " (" + d.preset()
                + (d.platform() == null ? "" : ", " + d.platform()) + ")").toList());
        rundown.put("slots", slots);
        archive.document(show.stationId(), ArchiveSubject.show(show.id()), "RUNDOWN", rundown, changedBy);
    }

    /**
     * Puts the slot at {@code position} (or the next one not yet on air) on air now: the program time is taken at
     * once, then the show's "On air" task is completed with it.
     */
    public SlotOnAir startSlot(Show show, Integer position, String requestedBy) {
        List<ShowSlot> slots = shows.slots(show.id());
        ShowSlot slot = position == null
                ? slots.stream().filter(s -> !s.onAir()).findFirst().orElseThrow(() -> new ConflictException(
                "Every product of show '" + show.id() + "' has been on air; end the show"))
                : slots.stream().filter(s -> s.position() == position).findFirst().orElseThrow(() -> new NotFoundException(
                "Show '" + show.id() + "' has no product slot " + position + " (it has 1 to " + slots.size() + ")"));
        if (slot.onAir()) {
            return new SlotOnAir(slot.position(), slot.productId(), slot.onAirMillis(), true);
        }
        long programMillis = cluster.programMillis(show.id()).orElseThrow(() -> new ConflictException("Show '" + show.id()
                + "' is off air right now (state " + show.state() + (cluster.isOpen(show.id()) ? "; its live worker is being"
                + " replaced, try again in a few seconds" : "") + ")"));
        Map<String, Object> variables = new HashMap<>();
        variables.put(ShowProcesses.ON_AIR_ACTION, ShowProcesses.NEXT_PRODUCT);
        variables.put(ShowProcesses.SLOT_POSITION, slot.position());
        variables.put(ShowProcesses.SLOT_PROGRAM_MILLIS, programMillis);
        variables.put(ShowProcesses.SLOT_REQUESTED_BY, requestedBy);
        completeOnAir(show, variables);
        ShowSlot started = shows.slot(slot.id()).orElseThrow();
        return new SlotOnAir(started.position(), started.productId(), started.onAirMillis() == null ? -1 : started.onAirMillis(), false);
    }

    /** Ends the show (its recording is sealed by the process, which then clips the products). */
    public void end(Show show) {
        completeOnAir(show, Map.of(ShowProcesses.ON_AIR_ACTION, ShowProcesses.END_SHOW));
    }

    /**
     * Completes the show's "On air" task as the platform. The cue branches of earlier products end in jobs of their
     * own; one ending at this very moment makes the engine refuse the completion (optimistic locking): it is tried again.
     */
    private void completeOnAir(Show show, Map<String, Object> variables) {
        for (int attempt = 1; ; attempt++) {
            try {
                asSystem.call(() -> {
                    Task task = taskService.createTaskQuery().tenantIdIn(show.stationId()).processInstanceBusinessKey(show.id())
                            .processDefinitionKey(ShowProcesses.LIVE_SHOW).taskDefinitionKey(ShowProcesses.ON_AIR_TASK).singleResult();
                    if (task == null) {
                        throw new ConflictException("Show '" + show.id() + "' is not on air (state " + show.state()
                                + "): products are put on air and the show is ended only while it is live");
                    }
                    taskService.complete(task.getId(), variables);
                    return null;
                });
                return;
            } catch (OptimisticLockingException | NullValueException e) {
                if (attempt == 3) {
                    throw new ConflictException("Show '" + show.id() + "' is busy (another request came at the same time); try again");
                }
            }
        }
    }
}
