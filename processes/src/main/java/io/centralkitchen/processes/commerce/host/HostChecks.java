package io.centralkitchen.processes.commerce.host;

import io.centralkitchen.processes.api.ApiExceptionHandler.InvalidFieldException;
import io.centralkitchen.processes.catalogue.Product;
import io.centralkitchen.processes.catalogue.Products;
import io.centralkitchen.processes.commerce.CommerceRules;
import io.centralkitchen.processes.show.ShowPlan;
import io.centralkitchen.processes.show.ShowSlot;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks the hosts a plan names: each of the station, active and (where the rules say so) identity-checked; and each
 * slot's presenters — its own hosts, or else the show's — qualified for the product's category where the rules
 * require a qualification. A refusal names the field of the host in question.
 */
@Component
public class HostChecks {

    public static final int MAX_HOSTS = 10;

    /** The checked hosts of a show and of its slots (by position). */
    public record Assignment(List<Host> showHosts, Map<Integer, List<Host>> slotHosts) {

        public List<Long> showHostIds() {
            return showHosts.stream().map(Host::id).toList();
        }

        public Map<Integer, List<Long>> slotHostIds() {
            Map<Integer, List<Long>> ids = new LinkedHashMap<>();
            slotHosts.forEach((p, h) -> ids.put(p, h.stream().map(Host::id).toList()));
            return ids;
        }

        /** The show's hosts as display text (kitchen_show.hosts), or null when the plan names none. */
        public String displayText() {
            return showHosts.isEmpty() ? null : showHosts.stream().map(Host::displayName).collect(Collectors.joining(", "));
        }
    }

    private final Hosts hosts;
    private final Products products;
    private final CommerceRules rules;

    public HostChecks(Hosts hosts, Products products, CommerceRules rules) {
        this.hosts = hosts;
        this.products = products;
        this.rules = rules;
    }

    /**
     * @param kept each product's hosts from the rundown before, for slots whose {@code hostIds} are not given (null)
     */
    public Assignment check(String stationId, List<Long> showHostIds, String showField, List<ShowPlan.Slot> requested,
                            List<ShowSlot> slots, String slotsField, Map<Long, List<Long>> kept) {
        List<Host> showHosts = resolve(stationId, showHostIds, showField);
        Map<Integer, List<Host>> slotHosts = new LinkedHashMap<>();
        Set<String> required = rules.rules().qualificationRequiredFor();
        for (int i = 0; i < slots.size(); i++) {
            ShowSlot slot = slots.get(i);
            List<Long> ids = requested.get(i).hostIds() != null ? requested.get(i).hostIds() : kept.getOrDefault(slot.productId(), List.of());
            String field = slotsField + "[" + i + "].hostIds";
            List<Host> own = resolve(stationId, ids, field);
            if (!own.isEmpty()) {
                slotHosts.put(slot.position(), own);
            }
            Product product = products.require(stationId, slot.productId());
            String category = product.category().name();
            if (!required.contains(category)) {
                continue;
            }
            List<Host> presenters = own.isEmpty() ? showHosts : own;
            String presenterField = own.isEmpty() ? showField : field;
            for (int j = 0; j < presenters.size(); j++) {
                Host host = presenters.get(j);
                if (!host.qualifiedFor(category)) {
                    throw new InvalidFieldException(presenterField + "[" + j + "]", "Host " + host.id() + " (" + host.displayName()
                            + ") is not qualified to present " + category + " products like " + product.name() + " (slot "
                            + (i + 1) + "); the commerce rules require a qualification for " + required
                            + ": add the category to the host's categories once qualified, or name another host");
                }
            }
        }
        return new Assignment(showHosts, slotHosts);
    }

    private List<Host> resolve(String stationId, List<Long> ids, String field) {
        if (ids == null || ids.isEmpty()) {
            return List.of();
        }
        if (ids.size() > MAX_HOSTS) {
            throw new InvalidFieldException(field, "At most " + MAX_HOSTS + " hosts, got " + ids.size());
        }
        boolean identityRequired = rules.rules().identityCheckRequired();
        List<Host> list = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        for (int j = 0; j < ids.size(); j++) {
            Long id = ids.get(j);
            String f = field + "[" + j + "]";
            Host host = id == null ? null : hosts.find(stationId, id).orElse(null);
            if (host == null) {
                throw new InvalidFieldException(f, "Station '" + stationId + "' has no host " + id);
            }
            if (!seen.add(id)) {
                throw new InvalidFieldException(f, "Host " + id + " is named twice");
            }
            if (!host.active()) {
                throw new InvalidFieldException(f, "Host " + id + " (" + host.displayName() + ") is retired (active = false)");
            }
            if (identityRequired && !host.identityChecked()) {
                throw new InvalidFieldException(f, "Host " + id + " (" + host.displayName() + ") has no identity check yet: record"
                        + " it with POST /api/stations/" + stationId + "/hosts/" + id + "/identity-check");
            }
            list.add(host);
        }
        return list;
    }
}
