package io.centralkitchen.processes.preselection;

import jakarta.annotation.PostConstruct;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.context.annotation.DependsOn;
import org.springframework.stereotype.Component;

/**
 * The {@value SupplierRegistry#SUPPLIERS_GROUP} group, created idempotently at start. It gets no authorization in the
 * engine and no Tasklist filter: its members use only the submission API.
 */
@Component
@DependsOn("platformBootstrap")
public class PreselectionAccess {

    private final IdentityService identityService;

    public PreselectionAccess(IdentityService identityService) {
        this.identityService = identityService;
    }

    @PostConstruct
    void ensureSuppliersGroup() {
        if (identityService.createGroupQuery().groupId(SupplierRegistry.SUPPLIERS_GROUP).count() > 0) {
            return;
        }
        Group group = identityService.newGroup(SupplierRegistry.SUPPLIERS_GROUP);
        group.setName("Suppliers");
        group.setType("EXTERNAL");
        try {
            identityService.saveGroup(group);
        } catch (RuntimeException e) {
            if (identityService.createGroupQuery().groupId(SupplierRegistry.SUPPLIERS_GROUP).count() == 0) {
                throw e; // not a concurrent creation by another node
            }
        }
    }
}
