package io.centralkitchen.processes.station;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Deploys the central-kitchen models (BPMN, DMN, Camunda Forms under {@code bpmn/}, {@code dmn/}, {@code forms/} on
 * the classpath) once per station, as that station's tenant. Unchanged models are not deployed again (duplicate
 * filtering), so every start and every node may call this.
 */
@Component
public class StationDeployer {

    public static final String DEPLOYMENT_NAME = "central-kitchen";
    private static final Logger log = LoggerFactory.getLogger(StationDeployer.class);
    private static final String[] PATTERNS = {"classpath*:bpmn/**/*.bpmn", "classpath*:dmn/**/*.dmn", "classpath*:forms/**/*.form"};

    private final RepositoryService repositoryService;
    private final List<Resource> models;


    public StationDeployer(RepositoryService repositoryService) {
        this.repositoryService = repositoryService;
        this.models = findModels();
    }

    public void deploy(String stationId) {
        if (models.isEmpty()) {
            return;
        }
        DeploymentBuilder builder = repositoryService.createDeployment()
                .name(DEPLOYMENT_NAME)
                .source(DEPLOYMENT_NAME)
                .tenantId(stationId)
                .enableDuplicateFiltering(true);
        for (Resource model : models) {
            try (InputStream in = model.getInputStream()) {
                builder.addInputStream(resourceName(model), in);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read model " + model, e);
            }
        }
        Deployment deployment = builder.deploy();
        log.info("Station '{}': models deployed (deployment {}, {} resources)", stationId, deployment.getId(), models.size());
    }

    private static List<Resource> findModels() {
        PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
        List<Resource> found = new ArrayList<>();
        for (String pattern : PATTERNS) {
            try {
                found.addAll(List.of(resolver.getResources(pattern)));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot list models " + pattern, e);
            }
        }
        found.sort(Comparator.comparing(StationDeployer::resourceName));
        return found;
    }

    /** The path below the classpath root, e.g. {@code bpmn/show.bpmn}: stable across jar and directory layouts. */
    static String resourceName(Resource resource) {
        try {
            String url = resource.getURL().toString();
            for (String root : new String[]{"/bpmn/", "/dmn/", "/forms/"}) {
                int i = url.lastIndexOf(root);
                if (i >= 0) {
                    return url.substring(i + 1);
                }
            }
            return resource.getFilename();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
