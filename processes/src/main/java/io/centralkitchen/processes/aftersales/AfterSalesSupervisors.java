package io.centralkitchen.processes.aftersales;

import io.centralkitchen.processes.access.AccessBootstrap;
import io.centralkitchen.processes.access.KitchenGroups;
import io.centralkitchen.processes.station.PlatformBootstrap;
import jakarta.annotation.PostConstruct;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.stereotype.Component;

import java.util.Map;

/**
 * The group {@code after-sales-supervisors}: cases whose SLA ran out go to them. Created at every start like the
 * foundation's groups (idempotent, tolerant of other nodes), with Tasklist access, read rights on the models and their
 * own filter. Members also need membership of their station (tenant), as everyone.
 */
@Component
public class AfterSalesSupervisors {

    public static final String GROUP = "after-sales-supervisors";
    static final String FILTER = "After-sales supervisors";

    private final IdentityService identityService;
    private final FilterService filterService;
    private final TaskService taskService;
    private final AccessBootstrap access;


    public AfterSalesSupervisors(IdentityService identityService, FilterService filterService, TaskService taskService,
                                 AccessBootstrap access, PlatformBootstrap platformBootstrapFirst) {
        this.identityService = identityService;
        this.filterService = filterService;
        this.taskService = taskService;
        this.access = access;
    }

    @PostConstruct
    void ensureGroupRightsAndFilter() {
        if (identityService.createGroupQuery().groupId(GROUP).singleResult() == null) {
            Group group = identityService.newGroup(GROUP);
            group.setName("After-sales supervisors");
            group.setType("WORKFLOW");
            try {
                identityService.saveGroup(group);
            } catch (RuntimeException createdByAnotherNode) {
                if (identityService.createGroupQuery().groupId(GROUP).singleResult() == null) {
                    throw createdByAnotherNode;
                }
            }
        }
        access.grant(GROUP, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
        // their work is the after-sales case: its instances and history, not those of other processes (a grant on every
        // process of an earlier version, which let them read pre-selection dossiers, is taken back)
        access.revoke(GROUP, Resources.PROCESS_DEFINITION, Authorization.ANY, Permissions.READ, Permissions.READ_INSTANCE,
                Permissions.READ_HISTORY);
        access.revoke(GROUP, Resources.DECISION_DEFINITION, Authorization.ANY, Permissions.READ);
        access.grant(GROUP, Resources.PROCESS_DEFINITION, AfterSalesCases.PROCESS_KEY, Permissions.READ, Permissions.READ_INSTANCE,
                Permissions.READ_HISTORY);
        access.grant(GROUP, Resources.DECISION_DEFINITION, "after-sales-routing", Permissions.READ);
        Filter filter = filterService.createFilterQuery().filterName(FILTER).singleResult();
        if (filter == null) {
            filter = filterService.newTaskFilter(FILTER)
                    .setQuery(taskService.createTaskQuery().taskCandidateGroup(GROUP).includeAssignedTasks())
                    .setProperties(Map.of("description", "Overdue after-sales cases", "priority", 0, "refresh", true));
            filterService.saveFilter(filter);
        }
        access.grant(GROUP, Resources.FILTER, filter.getId(), Permissions.READ);
        access.grant(KitchenGroups.ADMINS, Resources.FILTER, filter.getId(), Permissions.READ);
        Filter mine = filterService.createFilterQuery().filterName("My tasks").singleResult();
        if (mine != null) {
            access.grant(GROUP, Resources.FILTER, mine.getId(), Permissions.READ);
        }
    }
}
