package io.centralkitchen.processes.engine;

import io.centralkitchen.processes.access.KitchenGroups;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.camunda.bpm.engine.spring.SpringProcessEngineConfiguration;
import org.camunda.bpm.spring.boot.starter.configuration.impl.AbstractCamundaConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

import java.util.List;

/**
 * Engine settings that are not plain properties, and authentication of the REST APIs against the engine's identity
 * service: {@code /engine-rest/*} takes HTTP Basic credentials of Camunda users, and the engine then applies that
 * user's authorizations and stations (tenants) to everything it does. The platform's own surface ({@code /api/*},
 * pages, actuator) is under Spring Security: {@code access.SecurityConfiguration}.
 */
@Configuration(proxyBeanMethods = false)
public class EngineConfiguration {

    /** Ids of stations, groups and users: letters, digits, '-', '_', '.', '@' (the engine's default forbids '-'). */
    static final String ID_PATTERN = "[a-zA-Z0-9][a-zA-Z0-9._@-]*|camunda-admin";

    /** TASK_WORK and TASK_ASSIGN in one grant (a grant adds a permission's bits to the authorization). */
    static final Permission WORK_AND_ASSIGN = new Permission() {
        @Override
        public String getName() {
            return "TASK_WORK_AND_ASSIGN";
        }

        @Override
        public int getValue() {
            return Permissions.TASK_WORK.getValue() | Permissions.TASK_ASSIGN.getValue();
        }

        @Override
        public Resource[] getTypes() {
            return new Resource[]{Resources.TASK};
        }
    };

    @Bean
    AbstractCamundaConfiguration kitchenEngineSettings() {
        return new AbstractCamundaConfiguration() {
            @Override
            public void preInit(SpringProcessEngineConfiguration configuration) {
                // Members of "admins" are engine administrators (all permissions, every station).
                configuration.setAdminGroups(new java.util.ArrayList<>(List.of(KitchenGroups.ADMINS)));
                configuration.setUserResourceWhitelistPattern(ID_PATTERN);
                configuration.setGroupResourceWhitelistPattern(ID_PATTERN);
                configuration.setTenantResourceWhitelistPattern(ID_PATTERN);
                configuration.setTenantCheckEnabled(true);
                configuration.setAuthorizationEnabled(true);
                // Candidate users and groups may claim, unclaim, hand on and complete a task (with its form's fields),
                // not rewrite its variables: TASK_WORK and TASK_ASSIGN instead of the default UPDATE.
                configuration.setDefaultUserPermissionForTask(WORK_AND_ASSIGN);
            }
        };
    }

    @Bean
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication() {
        FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration =
                new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
        registration.setName("kitchen-engine-rest-auth");
        registration.addUrlPatterns("/engine-rest/*");
        registration.addInitParameter("authentication-provider", HttpBasicAuthenticationProvider.class.getName());
        registration.addInitParameter("rest-url-pattern-prefix", "/engine-rest");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return registration;
    }
}
