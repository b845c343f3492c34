package io.centralkitchen.processes.access;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The groups, their application rights and their Tasklist filters, created idempotently at every start (and on every
 * node: a concurrent creation by another node is tolerated). What a group may do in a process is granted by the
 * model's candidate groups (task rights follow from them) and by {@link #grantStart}.
 */
@Component
public class AccessBootstrap {

    private final IdentityService identityService;
    private final AuthorizationService authorizationService;
    private final FilterService filterService;
    private final TaskService taskService;


    public AccessBootstrap(IdentityService identityService, AuthorizationService authorizationService,
                           FilterService filterService, TaskService taskService) {
        this.identityService = identityService;
        this.authorizationService = authorizationService;
        this.filterService = filterService;
        this.taskService = taskService;
    }

    public void ensureGroupsAndRights() {
        for (String groupId : KitchenGroups.ALL) {
            ensureGroup(groupId);
        }
        // Engine administrators skip station (tenant) checks, but their rights still come from authorizations.
        for (Resources resource : Resources.values()) {
            grant(KitchenGroups.ADMINS, resource, Authorization.ANY, Permissions.ALL);
        }
        for (String groupId : KitchenGroups.WORK_GROUPS) {
            grant(groupId, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
            // Read the models (names, diagrams, forms); their instances and history only of the processes whose work
            // needs them (below) — the tenant check keeps other stations out; what they may start is granted per
            // process (grantStart).
            grant(groupId, Resources.PROCESS_DEFINITION, Authorization.ANY, Permissions.READ);
            revoke(groupId, Resources.PROCESS_DEFINITION, Authorization.ANY, Permissions.READ_INSTANCE, Permissions.READ_HISTORY);
            grant(groupId, Resources.DECISION_DEFINITION, Authorization.ANY, Permissions.READ);
            grant(groupId, Resources.PROCESS_INSTANCE, Authorization.ANY, Permissions.CREATE);
        }
        KitchenGroups.PROCESSES_OF_GROUP.forEach((groupId, processes) -> processes.forEach(process ->
                grant(groupId, Resources.PROCESS_DEFINITION, process, Permissions.READ, Permissions.READ_INSTANCE,
                        Permissions.READ_HISTORY)));
        grant(KitchenGroups.PRODUCERS, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
        ensureFilters();
    }

    /** Lets {@code groupId} start instances of the process {@code processKey} (in their own stations). */
    public void grantStart(String groupId, String processKey) {
        grant(groupId, Resources.PROCESS_DEFINITION, processKey, Permissions.READ, Permissions.CREATE_INSTANCE);
        grant(groupId, Resources.PROCESS_INSTANCE, Authorization.ANY, Permissions.CREATE);
    }

    public void grant(String groupId, Resource resource, String resourceId, Permission... permissions) {
        Authorization existing = authorizationService.createAuthorizationQuery()
                .authorizationType(Authorization.AUTH_TYPE_GRANT)
                .groupIdIn(groupId).resourceType(resource).resourceId(resourceId).singleResult();
        Authorization authorization = existing;
        boolean changed = false;
        if (authorization == null) {
            authorization = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
            authorization.setGroupId(groupId);
            authorization.setResource(resource);
            authorization.setResourceId(resourceId);
            changed = true;
        }
        for (Permission permission : permissions) {
            if (!authorization.isPermissionGranted(permission)) {
                authorization.addPermission(permission);
                changed = true;
            }
        }
        if (!changed) {
            return;
        }
        authorizationService.saveAuthorization(authorization);
    }

    /** Takes {@code permissions} out of the group's grant on the resource (a grant of an earlier version). */
    public void revoke(String groupId, Resource resource, String resourceId, Permission... permissions) {
        Authorization existing = authorizationService.createAuthorizationQuery()
                .authorizationType(Authorization.AUTH_TYPE_GRANT)
                .groupIdIn(groupId).resourceType(resource).resourceId(resourceId).singleResult();
        if (existing == null) {
            return;
        }
        boolean changed = false;
        for (Permission permission : permissions) {
            if (existing.isPermissionGranted(permission)) {
                existing.removePermission(permission);
                changed = true;
            }
        }
        if (changed) {
            authorizationService.saveAuthorization(existing);
        }
    }

    private void ensureGroup(String groupId) {
        if (identityService.createGroupQuery().groupId(groupId).singleResult() != null) {
            return;
        }
        Group group = identityService.newGroup(groupId);
        group.setName(KitchenGroups.displayName(groupId));
        group.setType(KitchenGroups.ADMINS.equals(groupId) ? "SYSTEM" : "WORKFLOW");
        try {
            identityService.saveGroup(group);
        } catch (RuntimeException e) {
            if (identityService.createGroupQuery().groupId(groupId).singleResult() == null) {
                throw e;
            }
        }
    }

    /** Tasklist: "My tasks" for everyone, and one filter per group showing that group's open tasks. */
    private void ensureFilters() {
        int priority = -10;
        ensureFilter("My tasks", "Tasks assigned to me", priority++,
                taskService.createTaskQuery().taskAssigneeExpression("${currentUser()}"), KitchenGroups.WORK_GROUPS.toArray(String[]::new));
        for (String groupId : KitchenGroups.WORK_GROUPS) {
            ensureFilter(KitchenGroups.displayName(groupId), "Open tasks of the " + groupId + " group", priority++,
                    taskService.createTaskQuery().taskCandidateGroup(groupId).includeAssignedTasks(), groupId);
        }
    }

    private void ensureFilter(String name, String description, int priority, TaskQuery query, String... readers) {
        Filter filter = filterService.createFilterQuery().filterName(name).singleResult();
        if (filter == null) {
            Map<String, Object> properties = new LinkedHashMap<>();
            properties.put("description", description);
            properties.put("priority", priority);
            properties.put("refresh", true);
            filter = filterService.newTaskFilter(name).setQuery(query).setProperties(properties).setOwner(null);
            filterService.saveFilter(filter);
        }
        for (String groupId : readers) {
            grant(groupId, Resources.FILTER, filter.getId(), Permissions.READ);
        }
    }
}
