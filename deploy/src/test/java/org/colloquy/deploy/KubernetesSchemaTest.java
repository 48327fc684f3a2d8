package org.colloquy.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every built-in resource of every overlay reads into its Kubernetes model class without a field the API would not
 * know: a misspelt field (say {@code readinesProbe}) is silently dropped by the API server, so it fails here. The
 * custom resources (Strimzi, CloudNativePG) are checked by ManifestsTest for the fields the platform relies on.
 */
class KubernetesSchemaTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Class<?>> BUILT_IN = Map.of(
            "v1/Namespace", Namespace.class,
            "v1/ConfigMap", ConfigMap.class,
            "v1/Secret", Secret.class,
            "v1/Service", Service.class,
            "apps/v1/Deployment", Deployment.class,
            "networking.k8s.io/v1/Ingress", Ingress.class,
            "autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class,
            "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class);
    /** API groups of the operators' custom resources; any other group must be in BUILT_IN. */
    private static final List<String> CUSTOM_GROUPS = List.of("kafka.strimzi.io/", "postgresql.cnpg.io/");

    static Stream<RenderedOverlay> overlays() {
        return ManifestsTest.overlays();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void builtInResourcesHaveOnlyKnownFields(RenderedOverlay overlay) {
        List<String> unknown = new ArrayList<>();
        for (JsonNode resource : overlay.resources) {
            String type = resource.path("apiVersion").asText() + "/" + Kustomize.kind(resource);
            if (CUSTOM_GROUPS.stream().anyMatch(type::startsWith)) {
                continue;
            }
            Class<?> model = BUILT_IN.get(type);
            assertThat(model).as("%s: model class of %s (add it to BUILT_IN)", overlay, type).isNotNull();
            unknownFields(JSON.convertValue(resource, model), type + " " + Kustomize.name(resource), unknown);
        }
        assertThat(unknown).as("%s: fields Kubernetes does not know", overlay).isEmpty();
    }

    /** Walks a model object; the fields Jackson could not map end up in its additionalProperties. */
    private static void unknownFields(Object value, String path, List<String> unknown) {
        if (value instanceof Collection<?> items) {
            int index = 0;
            for (Object item : items) {
                unknownFields(item, path + "[" + index++ + "]", unknown);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, item) -> unknownFields(item, path + "." + key, unknown));
            return;
        }
        if (value == null || !value.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || !getter.getName().startsWith("get")
                    || getter.getDeclaringClass() != value.getClass()) {
                continue;
            }
            Object field;
            try {
                field = getter.invoke(value);
            } catch (IllegalAccessException | InvocationTargetException e) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                ((Map<?, ?>) field).keySet().forEach(key -> unknown.add(path + "." + key));
            } else {
                String name = getter.getName().substring(3);
                unknownFields(field, path + "." + Character.toLowerCase(name.charAt(0)) + name.substring(1), unknown);
            }
        }
    }
}
