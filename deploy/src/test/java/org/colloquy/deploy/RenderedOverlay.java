package org.colloquy.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One overlay rendered by {@link Kustomize}, with typed views of the kinds the tests look into. */
final class RenderedOverlay {

    static final Path KUBERNETES = ServiceConfig.ROOT.resolve("deploy/kubernetes");
    private static final ObjectMapper JSON = new ObjectMapper();

    final String name;
    final List<ObjectNode> resources;

    private RenderedOverlay(String name, List<ObjectNode> resources) {
        this.name = name;
        this.resources = resources;
    }

    static RenderedOverlay render(String overlay) {
        List<ObjectNode> resources = Kustomize.render(KUBERNETES.resolve("overlays").resolve(overlay));
        // For a look at what kubectl would get: target/rendered/<overlay>.yaml
        Path out = ServiceConfig.ROOT.resolve("deploy/target/rendered/" + overlay + ".yaml");
        try {
            Files.createDirectories(out.getParent());
            Files.writeString(out, Kustomize.toYaml(resources));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new RenderedOverlay(overlay, resources);
    }

    List<JsonNode> ofKind(String kind) {
        return resources.stream().filter(r -> Kustomize.kind(r).equals(kind)).map(JsonNode.class::cast).toList();
    }

    Optional<JsonNode> find(String kind, String name) {
        return ofKind(kind).stream().filter(r -> Kustomize.name(r).equals(name)).findFirst();
    }

    List<Deployment> deployments() {
        return typed("Deployment", Deployment.class);
    }

    Deployment deployment(String name) {
        return deployments().stream().filter(d -> d.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(this.name + " has no Deployment " + name));
    }

    List<Service> services() {
        return typed("Service", Service.class);
    }

    List<ConfigMap> configMaps() {
        return typed("ConfigMap", ConfigMap.class);
    }

    Optional<ConfigMap> configMap(String name) {
        return configMaps().stream().filter(c -> c.getMetadata().getName().equals(name)).findFirst();
    }

    List<Secret> secrets() {
        return typed("Secret", Secret.class);
    }

    /** The data of a ConfigMap, empty when the overlay does not define it. */
    Map<String, String> configMapData(String name) {
        return configMap(name).map(ConfigMap::getData).orElse(Map.of());
    }

    <T> List<T> typed(String kind, Class<T> type) {
        return ofKind(kind).stream().map(node -> JSON.convertValue(node, type)).toList();
    }

    @Override
    public String toString() {
        return name;
    }
}
