package io.centralkitchen.processes.show.plan;

import io.centralkitchen.processes.station.StationVault;
import io.centralkitchen.processes.show.Show;
import io.centralkitchen.processes.show.ShowPlan;
import io.centralkitchen.processes.show.ShowPlan.Destination;
import io.centralkitchen.processes.show.ShowPlan.Ingest;
import io.centralkitchen.processes.show.ShowPlan.Slot;
import io.centralkitchen.processes.show.ShowDestination;
import io.centralkitchen.processes.show.ShowProperties;
import io.centralkitchen.processes.show.ShowSlot;
import io.centralkitchen.processes.show.ShowSource;
import io.centralkitchen.processes.show.Shows;
import io.centralkitchen.media.live.DestinationSpec;
import io.centralkitchen.media.live.LiveEngine;
import io.centralkitchen.media.live.PlatformPreset;
import io.centralkitchen.media.live.Protocol;
import io.centralkitchen.media.live.ShowSpec;
import io.centralkitchen.processes.catalogue.Product;
import io.centralkitchen.processes.api.ApiExceptionHandler.InvalidFieldException;
import io.centralkitchen.processes.station.StationService;
import io.centralkitchen.processes.catalogue.Products;
import io.centralkitchen.routes.platform.PlatformAdapters;
import io.centralkitchen.processes.show.ShowCommerce;
import io.centralkitchen.processes.station.StationAccounts;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Checks a planned show — from the REST API or Tasklist's start form — against the station, the live engine's presets
 * and secrets, the configured platforms and the catalogue, and turns it into rows. Every refusal names the field and
 * says what would be accepted.
 */
@Component
public class ShowPlanner {

    /** A checked plan, ready to be stored; {@code hosts} says who presents the show and which slot. */
    public record Checked(Show show, List<ShowDestination> destinations, List<ShowSlot> slots, ShowCommerce.Hosting hosts,
                          List<ShowSource> sources) {
    }

    /** A checked rundown (a change before air) and who presents which slot. */
    public record CheckedRundown(List<ShowSlot> slots, ShowCommerce.Hosting hosts) {
    }

    private final StationService stations;
    private final LiveEngine live;
    private final PlatformAdapters platforms;
    private final Products catalogue;
    private final Shows shows;
    private final ShowProperties properties;
    private final StationVault vault;
    private final ShowCommerce commerce;
    private final StationAccounts accounts;

    public ShowPlanner(StationService stations, LiveEngine live, PlatformAdapters platforms, Products catalogue, Shows shows,
                       ShowProperties properties, StationVault vault, ShowCommerce commerce, StationAccounts accounts) {
        this.vault = vault;
        this.commerce = commerce;
        this.accounts = accounts;
        this.stations = stations;
        this.live = live;
        this.platforms = platforms;
        this.catalogue = catalogue;
        this.shows = shows;
        this.properties = properties;
    }

    public Checked check(ShowPlan plan, String createdBy) {
        if (plan.stationId() == null || plan.stationId().isBlank()) {
            throw new InvalidFieldException("stationId", "Name the station the show belongs to (stationId)");
        }
        if (stations.find(plan.stationId()).isEmpty()) {
            throw new InvalidFieldException("stationId", "There is no station '" + plan.stationId() + "'");
        }
        String id = plan.id() == null || plan.id().isBlank() ? generatedId() : plan.id().strip();
        if (!ShowSpec.SHOW_ID.matcher(id).matches()) {
            throw new InvalidFieldException("id", "Show id '" + id + "' is not valid: use 2 to 63 lower-case letters,"
                    + " digits and '-', e.g. 'harvest-festival-2026'");
        }
        if (shows.exists(id)) {
            throw new InvalidFieldException("id", "There is already a show '" + id + "': choose another id");
        }
        String title = plan.title() == null ? "" : plan.title().strip();
        if (title.isEmpty() || title.length() > 200) {
            throw new InvalidFieldException("title", "Give the show a title of 1 to 200 characters");
        }
        Instant airTime = airTime(plan.airTime());
        String hosts = plan.hosts() == null ? null : String.join(", ", plan.hosts().stream().map(String::strip)
                .filter(h -> !h.isEmpty()).toList());
        if (hosts != null && hosts.length() > 500) {
            throw new InvalidFieldException("hosts", "The hosts' names have at most 500 characters together");
        }
        List<ShowSource> sources = ShowSources.check(plan.stationId(), plan.sources(), vault);
        Ingest ingest = sources.isEmpty() || plan.ingest() != null ? ingest(plan.stationId(), plan.ingest())
                : new Ingest(sources.get(0).mode(), sources.get(0).secretId());
        List<ShowDestination> destinations = destinations(plan.stationId(), plan.destinations());
        List<ShowSlot> slots = slots(plan.stationId(), plan.slots(), "slots");
        ShowCommerce.Hosting assignment = commerce.checkHosts(plan.stationId(), plan.hostIds(), "hostIds", plan.slots(), slots,
                "slots", Map.of());
        if (assignment.displayText() != null) {
            hosts = assignment.displayText().length() > 500 ? assignment.displayText().substring(0, 500) : assignment.displayText();
        }
        Show show = new Show(id, plan.stationId(), title, airTime, hosts == null || hosts.isEmpty() ? null : hosts,
                Show.PLANNED, ingest.mode(), ingest.keySecretId(), "NONE", null, null, null, null, null, null, null, null,
                createdBy, Instant.now());
        return new Checked(show, destinations, slots, assignment, sources);
    }

    /**
     * A rundown for an existing show (a change before air): its slots, presented by the show's hosts or their own;
     * a slot whose {@code hostIds} are not given keeps the hosts its product had ({@code kept}).
     */
    public CheckedRundown rundown(String stationId, List<Long> showHostIds, List<Slot> slots, String field,
                                  Map<Long, List<Long>> kept) {
        List<ShowSlot> checked = slots(stationId, slots, field);
        return new CheckedRundown(checked, commerce.checkHosts(stationId, showHostIds, "hostIds", slots, checked, field, kept));
    }

    public static Instant parseTime(String text) {
        String t = text.strip();
        try {
            return java.time.OffsetDateTime.parse(t, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (RuntimeException withoutOffset) {
            // a local time (e.g. from a form without time zone): the server's zone
            return java.time.LocalDateTime.parse(t, DateTimeFormatter.ISO_LOCAL_DATE_TIME)
                    .atZone(java.time.ZoneId.systemDefault()).toInstant();
        }
    }

    private Instant airTime(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidFieldException("airTime", "Give the air time (ISO-8601, e.g. 2026-05-01T20:00:00+08:00)");
        }
        Instant airTime;
        try {
            airTime = parseTime(text);
        } catch (RuntimeException e) {
            throw new InvalidFieldException("airTime", "Air time '" + text + "' is not an ISO-8601 time like 2026-05-01T20:00:00+08:00");
        }
        if (airTime.isBefore(Instant.now().minusSeconds(60))) {
            throw new InvalidFieldException("airTime", "Air time " + airTime + " has passed: plan the show for now or later");
        }
        return airTime;
    }

    private Ingest ingest(String stationId, Ingest ingest) {
        String mode = ingest == null || ingest.mode() == null ? "" : ingest.mode().strip().toUpperCase(Locale.ROOT);
        if (!List.of("PUBLISH", "PULL", "TEST_PATTERN").contains(mode)) {
            throw new InvalidFieldException("ingest.mode", "Choose how the studio feed arrives: PUBLISH (the studio"
                    + " encoder publishes RTMP), PULL (the platform pulls a URL) or TEST_PATTERN (rehearsal); got '"
                    + (ingest == null ? null : ingest.mode()) + "'");
        }
        String secret = ingest.keySecretId() == null || ingest.keySecretId().isBlank() ? null : ingest.keySecretId().strip();
        if (!mode.equals("TEST_PATTERN")) {
            if (secret == null) {
                throw new InvalidFieldException("ingest.keySecretId", "Ingest " + mode + " needs the id of the secret holding "
                        + (mode.equals("PUBLISH") ? "the ingest key" : "the URL to pull") + " (a secret of the station's vault)");
            }
            if (!vault.exists(stationId, secret)) {
                throw new InvalidFieldException("ingest.keySecretId", "Station '" + stationId + "' has no secret '" + secret
                        + "' (set it with PUT /api/stations/" + stationId + "/secrets/" + secret + ")");
            }
        }
        return new Ingest(mode, mode.equals("TEST_PATTERN") ? null : secret);
    }

    private List<ShowDestination> destinations(String stationId, List<Destination> requested) {
        if (requested == null || requested.isEmpty()) {
            throw new InvalidFieldException("destinations", "A show needs at least one destination (a preset: "
                    + String.join(", ", new java.util.TreeSet<>(live.presets().keySet())) + ")");
        }
        List<ShowDestination> list = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < requested.size(); i++) {
            Destination d = requested.get(i);
            String field = "destinations[" + i + "]";
            PlatformPreset preset = d.preset() == null ? null : live.presets().get(d.preset().strip());
            if (preset == null) {
                throw new InvalidFieldException(field + ".preset", "Unknown preset '" + d.preset() + "'; known presets: "
                        + String.join(", ", new java.util.TreeSet<>(live.presets().keySet())));
            }
            String id = d.id() == null || d.id().isBlank() ? preset.name() : d.id().strip();
            if (!DestinationSpec.ID.matcher(id).matches() || !ids.add(id)) {
                throw new InvalidFieldException(field + ".id", "Destination id '" + id + "' is not valid or appears twice:"
                        + " use 1 to 63 lower-case letters, digits and '-', unique within the show");
            }
            String secret = null;
            if (preset.protocol() != Protocol.HLS) {
                secret = d.secretId() == null || d.secretId().isBlank() ? preset.name().replace("-", "") : d.secretId().strip();
                if (!vault.exists(stationId, secret)) {
                    throw new InvalidFieldException(field + ".secretId", "Station '" + stationId + "' has no push URL secret '"
                            + secret + "' for destination '" + id + "' (set it with PUT /api/stations/" + stationId
                            + "/secrets/" + secret + ")");
                }
            }
            String platform = d.platform() == null || d.platform().isBlank() ? null : d.platform().strip();
            Set<String> accounts = platforms.accounts(stationId).keySet();
            if (platform != null && !accounts.contains(platform)) {
                throw new InvalidFieldException(field + ".platform", "Station '" + stationId + "' has no platform account '"
                        + platform + "'; its accounts: " + accounts);
            }
            if (platform == null && accounts.contains(preset.name())) {
                platform = preset.name();
            }
            String liveRoom = d.liveRoomId() == null || d.liveRoomId().isBlank() ? null : d.liveRoomId().strip();
            if (platform == null) {
                // the station's default account for shows on this preset's platform kind (account matrix)
                Optional<StationAccounts.AccountView> fallback = this.accounts.defaultFor(stationId, preset.name());
                platform = fallback.map(StationAccounts.AccountView::accountId).orElse(null);
                liveRoom = liveRoom != null ? liveRoom : fallback.map(StationAccounts.AccountView::liveRoomId).orElse(null);
            } else if (liveRoom == null) {
                liveRoom = this.accounts.view(stationId, platform).map(StationAccounts.AccountView::liveRoomId).orElse(null);
            }
            list.add(new ShowDestination(id, preset.name(), secret, platform, liveRoom, null, null));
        }
        return list;
    }

    private List<ShowSlot> slots(String stationId, List<Slot> requested, String base) {
        if (requested == null || requested.isEmpty()) {
            throw new InvalidFieldException(base, "The rundown needs at least one product slot");
        }
        List<ShowSlot> slots = new ArrayList<>();
        Set<Long> products = new HashSet<>();
        for (int i = 0; i < requested.size(); i++) {
            Slot s = requested.get(i);
            String field = base + "[" + i + "]";
            if (s.productId() == null) {
                throw new InvalidFieldException(field + ".productId", "Name the product of slot " + (i + 1) + " (productId)");
            }
            Product product = catalogue.find(stationId, s.productId())
                    .orElseThrow(() -> new InvalidFieldException(field + ".productId", "Station '" + stationId
                            + "' has no product " + s.productId()));
            if (!Product.APPROVED.equals(product.status())) {
                throw new InvalidFieldException(field + ".productId", "Product " + product.id() + " (" + product.name()
                        + ") is " + product.status() + ": only products approved in pre-selection go on air");
            }
            if (!products.add(product.id())) {
                throw new InvalidFieldException(field + ".productId", "Product " + product.id() + " is in the rundown twice");
            }
            int seconds = s.plannedSeconds() == null ? (int) properties.getDefaultSlotDuration().toSeconds() : s.plannedSeconds();
            if (seconds < 10 || seconds > 4 * 3600) {
                throw new InvalidFieldException(field + ".plannedSeconds", "A slot is planned for 10 s to 4 h, got " + seconds + " s");
            }
            BigDecimal price = s.price() == null ? product.price() : s.price();
            if (price.signum() <= 0 || price.scale() > 2) {
                throw new InvalidFieldException(field + ".price", "The price is a positive amount with at most 2 decimals, got " + price);
            }
            BigDecimal flash = s.flashSale() == null ? null : s.flashSale().price();
            Integer stock = s.flashSale() == null ? null : s.flashSale().stock();
            if (s.flashSale() != null && (flash == null || flash.signum() <= 0 || flash.scale() > 2 || flash.compareTo(price) >= 0)) {
                throw new InvalidFieldException(field + ".flashSale.price", "A flash sale's price is a positive amount below"
                        + " the slot's price " + price + ", got " + flash);
            }
            if (flash != null) {
                commerce.checkReducedPrice(stationId, product.id(), flash, price, field + ".flashSale.price");
            }
            if (stock != null && stock < 1) {
                throw new InvalidFieldException(field + ".flashSale.stock", "A flash sale's stock is at least 1, got " + stock);
            }
            slots.add(new ShowSlot(0, null, i + 1, product.id(), seconds, price, flash, stock, null, null, null));
        }
        return slots;
    }

    private static String generatedId() {
        return "show-" + DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC).format(Instant.now()) + "-"
                + UUID.randomUUID().toString().substring(0, 6);
    }
}
