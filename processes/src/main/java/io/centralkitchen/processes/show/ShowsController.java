package io.centralkitchen.processes.show;

import io.centralkitchen.processes.api.ApiExceptionHandler;
import io.centralkitchen.processes.access.Roles;
import org.springframework.security.access.prepost.PreAuthorize;
import io.centralkitchen.processes.show.plan.ShowPlanner;
import io.centralkitchen.processes.catalogue.Product;
import io.centralkitchen.processes.api.ApiExceptionHandler.InvalidFieldException;
import io.centralkitchen.processes.api.ApiExceptionHandler.NotFoundException;
import io.centralkitchen.processes.access.CurrentUser;
import io.centralkitchen.processes.access.KitchenGroups;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/shows}: producers plan shows, change the rundown before air, put products on air and end the show;
 * producers and marketers read shows, their clips and reports. Everything is limited to the caller's stations.
 */
@RestController
@RequestMapping("/api/shows")
public class ShowsController {

    public record Rundown(List<ShowPlan.Slot> slots) {
    }

    public record SlotView(int position, long productId, String productName, int plannedSeconds, BigDecimal price,
                           BigDecimal flashSalePrice, Integer flashSaleStock, Long onAirMillis, Instant onAirAt,
                           @io.swagger.v3.oas.annotations.media.Schema(description = "The hosts presenting the slot: its own, or else the show's") List<Long> hostIds) {
    }

    public record ShowView(String id, String stationId, String title, Instant airTime, String hosts, String state,
                           String ingestMode, String teaserState, String teaserNote, Instant liveStartedAt,
                           Instant liveEndedAt, String recordingId, String manifestKey, List<ShowDestination> destinations,
                           List<SlotView> slots, String player, List<String> warnings, List<Long> hostIds) {
    }

    public record ClipView(long id, int position, long productId, String productName, String state, Long clipStartMillis,
                           Long durationMillis, Long slotOnAirMillis, String copyKey, String verticalKey, String landscapeKey,
                           String coverKey, String currentKey, Map<String, String> links, String note,
                           @io.swagger.v3.oas.annotations.media.Schema(description = "PRODUCT (the slot's clip) or HIGHLIGHT (around a producer's mark)") String kind,
                           Long inMillis, String label) {
    }

    private final ShowService service;
    private final Shows shows;
    private final ShowClips clips;
    private final ShowProducts products;
    private final ShowReports reports;
    private final ShowLinks links;
    private final CurrentUser currentUser;
    private final ShowCommerce hosts;

    public ShowsController(ShowService service, Shows shows, ShowClips clips, ShowProducts products, ShowReports reports,
                           ShowLinks links, CurrentUser currentUser, ShowCommerce hosts) {
        this.hosts = hosts;
        this.service = service;
        this.shows = shows;
        this.clips = clips;
        this.products = products;
        this.reports = reports;
        this.links = links;
        this.currentUser = currentUser;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize(Roles.PRODUCERS)
    public ShowView create(@RequestBody ShowPlan plan) {
        currentUser.requireGroup(KitchenGroups.PRODUCERS);
        if (plan.stationId() != null) {
            currentUser.requireStation(plan.stationId());
        }
        ShowService.Planned planned = service.create(plan, currentUser.userId());
        return view(planned.show(), planned.warnings());
    }

    @GetMapping
    @PreAuthorize(Roles.SHOW_READERS)
    public List<ShowView> list(@RequestParam(required = false) String stationId) {
        requireReader();
        List<String> stations = stationId == null ? currentUser.stations() : List.of(stationId);
        if (stationId != null) {
            currentUser.requireStation(stationId);
        }
        return shows.ofStations(stations, stationId == null && currentUser.isAdmin()).stream().map(s -> view(s, List.of())).toList();
    }

    @GetMapping("/{showId}")
    @PreAuthorize(Roles.SHOW_READERS)
    public ShowView get(@PathVariable String showId) {
        requireReader();
        return view(visible(showId), List.of());
    }

    @PutMapping("/{showId}/rundown")
    @PreAuthorize(Roles.PRODUCERS)
    public ShowView changeRundown(@PathVariable String showId, @RequestBody Rundown rundown) {
        currentUser.requireGroup(KitchenGroups.PRODUCERS);
        Show show = visible(showId);
        List<String> warnings = service.changeRundown(show, rundown == null ? null : rundown.slots());
        return view(shows.require(showId), warnings);
    }

    /** Puts the next product that has not been on air on air. */
    @PostMapping("/{showId}/slots/next/on-air")
    @PreAuthorize(Roles.PRODUCERS)
    public ShowService.SlotOnAir nextOnAir(@PathVariable String showId) {
        currentUser.requireGroup(KitchenGroups.PRODUCERS);
        return service.startSlot(visible(showId), null, currentUser.userId());
    }

    @PostMapping("/{showId}/slots/{position}/on-air")
    @PreAuthorize(Roles.PRODUCERS)
    public ShowService.SlotOnAir onAir(@PathVariable String showId, @PathVariable String position) {
        currentUser.requireGroup(KitchenGroups.PRODUCERS);
        int n;
        try {
            n = Integer.parseInt(position);
        } catch (NumberFormatException e) {
            throw new InvalidFieldException("position", "A slot is named by its position in the rundown (1, 2, ...) or 'next'");
        }
        return service.startSlot(visible(showId), n, currentUser.userId());
    }

    @PostMapping("/{showId}/end")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @PreAuthorize(Roles.PRODUCERS)
    public Map<String, String> end(@PathVariable String showId) {
        currentUser.requireGroup(KitchenGroups.PRODUCERS);
        Show show = visible(showId);
        service.end(show);
        return Map.of("showId", showId, "state", shows.require(showId).state(),
                "message", "The show is ending: the recording is sealed, then every product's clip is cut");
    }

    @GetMapping("/{showId}/clips")
    @PreAuthorize(Roles.SHOW_READERS)
    public List<ClipView> clips(@PathVariable String showId) {
        requireReader();
        Show show = visible(showId);
        return clips.ofShow(showId).stream().map(c -> {
            ShowSlot slot = shows.slot(c.slotId()).orElseThrow();
            Map<String, String> previews = new java.util.LinkedHashMap<>();
            for (Map.Entry<String, String> e : Map.of("copy", nullToEmpty(c.copyKey()), "vertical", nullToEmpty(c.verticalKey()),
                    "landscape", nullToEmpty(c.landscapeKey()), "cover", nullToEmpty(c.coverKey())).entrySet()) {
                if (!e.getValue().isEmpty()) {
                    previews.put(e.getKey(), links.preview(e.getValue()));
                }
            }
            return new ClipView(c.id(), slot.position(), c.productId(), products.require(show.stationId(), c.productId()).name(), c.state(),
                    c.clipStartMillis(), c.durationMillis(), slot.onAirMillis(), c.copyKey(), c.verticalKey(), c.landscapeKey(),
                    c.coverKey(), c.currentKey(), previews, c.note(), c.kind(), c.inMillis(), c.label());
        }).toList();
    }

    @GetMapping("/{showId}/report")
    @PreAuthorize(Roles.SHOW_READERS)
    public ShowReports.Report report(@PathVariable String showId) {
        requireReader();
        visible(showId);
        return reports.compile(showId);
    }

    /** Public-welfare totals by county over the station's shows aired in [from, to) (ISO-8601 times). */
    @GetMapping("/reports/counties")
    @PreAuthorize(Roles.SHOW_READERS)
    public List<ShowReports.CountyTotals> counties(@RequestParam String stationId, @RequestParam String from,
                                                   @RequestParam String to) {
        requireReader();
        currentUser.requireStation(stationId);
        return reports.counties(stationId, time("from", from), time("to", to));
    }

    private static Instant time(String field, String text) {
        try {
            return ShowPlanner.parseTime(text.length() == 10 ? text + "T00:00:00" : text);
        } catch (RuntimeException e) {
            throw new InvalidFieldException(field, "'" + text + "' is not a date (2026-05-01) or ISO-8601 time");
        }
    }

    private void requireReader() {
        if (!currentUser.isAdmin() && !currentUser.isMemberOf(KitchenGroups.PRODUCERS) && !currentUser.isMemberOf(KitchenGroups.MARKETERS)) {
            throw new ApiExceptionHandler.AccessDeniedException("This needs membership of the 'producers' or 'marketers' group");
        }
    }

    private Show visible(String showId) {
        Show show = shows.find(showId).orElseThrow(() -> new NotFoundException("There is no show '" + showId + "'"));
        if (!currentUser.isAdmin() && !currentUser.stations().contains(show.stationId())) {
            throw new NotFoundException("There is no show '" + showId + "'");
        }
        return show;
    }

    private ShowView view(Show show, List<String> warnings) {
        List<ShowSlot> slots = shows.slots(show.id());
        Map<Long, Product> catalogue = products.of(show.stationId(), slots);
        List<Long> showHosts = hosts.showHosts(show.stationId(), show.id());
        Map<Integer, List<Long>> slotHosts = hosts.slotHosts(show.stationId(), show.id());
        List<SlotView> slotViews = slots.stream().map(s -> new SlotView(s.position(), s.productId(),
                catalogue.containsKey(s.productId()) ? catalogue.get(s.productId()).name() : null, s.plannedSeconds(), s.price(),
                s.flashSalePrice(), s.flashSaleStock(), s.onAirMillis(), s.onAirAt(),
                slotHosts.getOrDefault(s.position(), showHosts))).toList();
        return new ShowView(show.id(), show.stationId(), show.title(), show.airTime(), show.hosts(), show.state(), show.ingestMode(),
                show.teaserState(), show.teaserNote(), show.liveStartedAt(), show.liveEndedAt(), show.recordingId(), show.manifestKey(),
                shows.destinations(show.id()), slotViews, "/live/" + show.id() + "/", warnings, showHosts);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
