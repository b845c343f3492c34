package io.centralkitchen.processes.preselection;

import io.centralkitchen.processes.access.Roles;
import org.springframework.security.access.prepost.PreAuthorize;
import io.centralkitchen.processes.catalogue.Products;
import io.centralkitchen.processes.catalogue.Supplier;
import io.centralkitchen.processes.catalogue.Product;
import io.centralkitchen.processes.api.ApiExceptionHandler.InvalidFieldException;
import io.centralkitchen.processes.api.ApiExceptionHandler.NotFoundException;
import io.centralkitchen.processes.access.CurrentUser;
import io.centralkitchen.processes.access.KitchenGroups;
import io.centralkitchen.processes.preselection.SubmissionForms.SupplierForm;
import io.centralkitchen.processes.preselection.SubmissionForms.SupplierView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;
import java.util.Map;

/** {@code /api/preselection/suppliers} and product re-checks: staff register suppliers and their sign-in accounts. */
@RestController
@RequestMapping("/api/preselection")
@Tag(name = "Suppliers", description = "Staff register suppliers; a supplier account then uses the submission API")
public class SuppliersController {

    private final SupplierRegistry registry;
    private final EvidenceRecheck recheck;
    private final Dossier dossier;
    private final CurrentUser currentUser;


    private final Products products;

    public SuppliersController(SupplierRegistry registry, EvidenceRecheck recheck, Dossier dossier, CurrentUser currentUser, Products products) {
        this.products = products;
        this.registry = registry;
        this.recheck = recheck;
        this.dossier = dossier;
        this.currentUser = currentUser;
    }

    @Operation(summary = "Register a supplier and its account (editors, admins)",
            description = "Creates the Camunda user 'accountUserId' (with 'accountPassword') in the 'suppliers' group and the station,"
                    + " or links an existing supplier account.")
    @PostMapping("/suppliers")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize(Roles.EDITORS)
    public SupplierView register(@RequestBody SupplierForm form) {
        currentUser.requireGroup(KitchenGroups.EDITORS);
        if (form.stationId() == null || form.stationId().isBlank()) {
            throw new InvalidFieldException("stationId", "Field 'stationId' is required");
        }
        currentUser.requireStation(form.stationId());
        return SupplierView.of(registry.register(new SupplierRegistry.NewSupplier(form.stationId(), form.name(), form.creditCode(),
                form.contactName(), form.contactPhone(), form.contactEmail(), form.region(), form.county(), form.publicWelfare(),
                form.publicWelfareNote(), form.accountUserId(), form.accountPassword())));
    }

    @Operation(summary = "A supplier (staff of its station, or the supplier's own account)")
    @GetMapping("/suppliers/{supplierId}")
    @PreAuthorize(Roles.PRESELECTION_READERS)
    public SupplierView supplier(@PathVariable long supplierId) {
        Supplier s = registry.byId(supplierId).filter(this::maySee).orElseThrow(() -> new NotFoundException("No supplier " + supplierId));
        return SupplierView.of(s);
    }

    @Operation(summary = "Check a product's evidence against a show date (editors, producers)",
            description = "Stores the show date; evidence expiring before it, or a suspended product, starts a re-review.")
    @PostMapping("/products/{productId}/recheck")
    @PreAuthorize(Roles.EDITORS_OR_PRODUCERS)
    public Map<String, Object> recheck(@PathVariable long productId,
                                       @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate showDate) {
        if (!currentUser.isMemberOf(KitchenGroups.PRODUCERS)) {
            currentUser.requireGroup(KitchenGroups.EDITORS);
        }
        Product product = products.find(productId).filter(p -> currentUser.worksFor(p.stationId()))
                .orElseThrow(() -> new NotFoundException("No product " + productId));
        EvidenceRecheck.Outcome outcome = recheck.recheckEvidence(productId, showDate);
        return Map.of("productId", productId, "showDate", showDate.toString(), "outcome", outcome.name(),
                "productStatus", products.require(productId).status());
    }

    private boolean maySee(Supplier s) {
        if (currentUser.isAdmin()) {
            return true;
        }
        if (currentUser.isMemberOf(SupplierRegistry.SUPPLIERS_GROUP)) {
            return currentUser.userId().equals(s.accountUserId());
        }
        return currentUser.stations().contains(s.stationId());
    }
}
