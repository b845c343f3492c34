package io.centralkitchen.routes.engine;

import org.camunda.bpm.engine.RuntimeService;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Delivery through the engine's Java API, as the system (no user: the work comes from a verified platform event, and
 * the station is set explicitly as tenant).
 */
public class CamundaEngineDelivery implements EngineDelivery {

    private final ObjectProvider<RuntimeService> runtimeService;

    public CamundaEngineDelivery(ObjectProvider<RuntimeService> runtimeService) {
        this.runtimeService = runtimeService;
    }

    @Override
    public Outcome deliver(InboxItem item) {
        RuntimeService runtime = runtimeService.getIfAvailable();
        if (runtime == null) {
            throw new IllegalStateException("The process engine is not running");
        }
        return switch (item.kind()) {
            case START -> {
                runtime.createProcessInstanceByKey(item.target()).processDefinitionTenantId(item.station())
                        .businessKey(item.businessKey()).setVariables(item.variables()).execute();
                yield Outcome.DELIVERED;
            }
            case CORRELATE -> runtime.createMessageCorrelation(item.target()).tenantId(item.station())
                    .processInstanceBusinessKey(item.businessKey()).setVariables(item.variables())
                    .correlateAllWithResult().isEmpty() ? Outcome.NOT_READY : Outcome.DELIVERED;
        };
    }
}
