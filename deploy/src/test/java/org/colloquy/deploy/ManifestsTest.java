package org.colloquy.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.colloquy.events.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Renders every overlay under deploy/kubernetes/overlays (see {@link Kustomize} for the subset of kustomize it
 * implements) and checks what a cluster would get against the services' own sources: ports and settings from their
 * application.properties, the topics from the event contract, the settings the local launcher passes.
 */
class ManifestsTest {

    /** Secrets no manifest defines, and who provides them; deploy/README.md must say how to get each one. */
    private static final Map<String, String> OPERATOR_SECRETS = Map.of(
            "colloquy-jwt", "the operator, with the token key pair (openssl, see deploy/README.md)",
            "colloquy-tls", "the operator or cert-manager, with the prod Ingress certificate");
    private static final Pattern JDBC_URL = Pattern.compile("jdbc:postgresql://([^:/]+)(?::(\\d+))?/(\\w+)");
    private static final Pattern REACTIVE_URL = Pattern.compile("postgresql://([^:/]+)(?::(\\d+))?/(\\w+)");

    static Stream<RenderedOverlay> overlays() {
        return Stream.of("dev", "prod").map(RenderedOverlay::render);
    }

    static Stream<ServiceConfig> applications() {
        return ServiceConfig.ALL.stream().map(ServiceConfig::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void everyApplicationHasOneDeploymentAndNothingElseDoes(RenderedOverlay overlay) {
        assertThat(overlay.deployments()).extracting(d -> d.getMetadata().getName())
                .containsExactlyInAnyOrderElementsOf(ServiceConfig.ALL);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void probesCheckTheHealthEndpointsOnTheHealthPort(RenderedOverlay overlay) {
        applications().forEach(app -> {
            Container container = container(overlay, app);
            assertThat(container.getPorts()).as("%s/%s ports", overlay, app.name())
                    .extracting(ContainerPort::getContainerPort).contains(app.httpPort(), app.healthPort());
            assertProbe(overlay, app, container, "startup", container.getStartupProbe(), "/q/health/started");
            assertProbe(overlay, app, container, "liveness", container.getLivenessProbe(), "/q/health/live");
            assertProbe(overlay, app, container, "readiness", container.getReadinessProbe(), "/q/health/ready");
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void everyContainerRequestsAndLimitsCpuAndMemory(RenderedOverlay overlay) {
        applications().forEach(app -> {
            var resources = container(overlay, app).getResources();
            String what = overlay + "/" + app.name() + " resources";
            assertThat(resources).as(what).isNotNull();
            assertThat(resources.getRequests()).as(what + " requests").containsKeys("cpu", "memory");
            assertThat(resources.getLimits()).as(what + " limits").containsKeys("cpu", "memory");
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void podsOutliveTheShutdownOfRequestsInFlight(RenderedOverlay overlay) {
        applications().forEach(app -> {
            PodSpec pod = overlay.deployment(app.name()).getSpec().getTemplate().getSpec();
            Container container = container(overlay, app);
            long preStop = 0;
            if (container.getLifecycle() != null && container.getLifecycle().getPreStop() != null) {
                List<String> command = container.getLifecycle().getPreStop().getExec().getCommand();
                assertThat(command).as("%s/%s preStop", overlay, app.name()).hasSize(2).startsWith("sleep");
                preStop = Long.parseLong(command.get(1));
            }
            long needed = app.shutdownTimeout().toSeconds() + preStop;
            assertThat(pod.getTerminationGracePeriodSeconds())
                    .as("%s/%s terminationGracePeriodSeconds vs preStop %ss + quarkus.shutdown.timeout %s",
                            overlay, app.name(), preStop, app.shutdownTimeout())
                    .isNotNull().isGreaterThan(needed);
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void containersRunAsNonRootOnAReadOnlyFileSystemWithoutCapabilities(RenderedOverlay overlay) {
        applications().forEach(app -> {
            PodSpec pod = overlay.deployment(app.name()).getSpec().getTemplate().getSpec();
            Container container = container(overlay, app);
            String what = overlay + "/" + app.name();
            Boolean nonRoot = container.getSecurityContext() != null
                    && container.getSecurityContext().getRunAsNonRoot() != null
                            ? container.getSecurityContext().getRunAsNonRoot()
                            : pod.getSecurityContext() == null ? null : pod.getSecurityContext().getRunAsNonRoot();
            assertThat(nonRoot).as(what + " runAsNonRoot").isTrue();
            var security = container.getSecurityContext();
            assertThat(security).as(what + " container securityContext").isNotNull();
            assertThat(security.getReadOnlyRootFilesystem()).as(what + " readOnlyRootFilesystem").isTrue();
            assertThat(security.getAllowPrivilegeEscalation()).as(what + " allowPrivilegeEscalation").isFalse();
            assertThat(security.getCapabilities().getDrop()).as(what + " dropped capabilities").contains("ALL");
            VolumeMount tmp = container.getVolumeMounts().stream().filter(m -> m.getMountPath().equals("/tmp"))
                    .findFirst().orElseThrow(() -> new AssertionError(what + " mounts nothing writable at /tmp"));
            assertThat(volume(pod, tmp.getName()).getEmptyDir()).as(what + " /tmp is an emptyDir").isNotNull();
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void everySettingWithoutAClusterDefaultIsSet(RenderedOverlay overlay) {
        applications().forEach(app -> {
            Map<String, String> env = environment(overlay, app);
            app.requiredSettings().forEach((setting, fallback) -> {
                String variable = ServiceConfig.envName(setting);
                assertThat(env).as("%s/%s must set %s (%s): its default does not work in a cluster", overlay,
                        app.name(), variable, setting).containsKey(variable);
                assertThat(env.get(variable)).as("%s/%s %s", overlay, app.name(), variable).isNotEqualTo(fallback);
            });
        });
    }

    @Test
    void theRequiredSettingsCoverWhatTheLocalLauncherPasses() {
        // The launcher knows what a process needs outside a developer's defaults: whatever it passes and an
        // application reads must be among the settings the overlays are checked for, except the HTTP and management
        // ports (the defaults are the container ports, checked by probesCheckTheHealthEndpointsOnTheHealthPort) and
        // the log format (the launcher's own choice, text for developers; in a cluster the production default, JSON,
        // is right).
        Set<String> launcher = ServiceConfig.launcherSettings();
        assertThat(launcher).contains("kafka.bootstrap.servers", "quarkus.datasource.jdbc.url");
        Set<String> launcherOnly = Set.of("quarkus.http.port", "quarkus.management.port",
                "quarkus.log.console.json.enabled");
        applications().forEach(app -> {
            for (String passed : launcher) {
                if (launcherOnly.contains(passed)) {
                    continue;
                }
                List<String> read = app.knownNames().stream()
                        .filter(name -> passed.endsWith(".") ? name.startsWith(passed) : name.equals(passed))
                        .toList();
                assertThat(app.requiredSettings().keySet())
                        .as("%s reads %s, which the launcher passes", app.name(), passed).containsAll(read);
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void tokenKeysAreFilesMountedFromTheKeySecret(RenderedOverlay overlay) {
        applications().forEach(app -> {
            Map<String, String> env = environment(overlay, app);
            PodSpec pod = overlay.deployment(app.name()).getSpec().getTemplate().getSpec();
            Container container = container(overlay, app);
            env.forEach((variable, value) -> {
                if (!value.startsWith("file:")) {
                    return;
                }
                String path = value.substring("file:".length());
                VolumeMount mount = container.getVolumeMounts().stream()
                        .filter(m -> path.startsWith(m.getMountPath() + "/")).findFirst()
                        .orElseThrow(() -> new AssertionError(overlay + "/" + app.name() + " " + variable + " "
                                + path + " is on no mounted volume"));
                Volume volume = volume(pod, mount.getName());
                assertThat(volume.getSecret()).as("%s/%s %s comes from a Secret", overlay, app.name(), variable)
                        .isNotNull();
                String file = path.substring(mount.getMountPath().length() + 1);
                if (volume.getSecret().getItems() != null) {
                    assertThat(volume.getSecret().getItems()).as("%s/%s %s", overlay, app.name(), variable)
                            .anyMatch(item -> item.getPath().equals(file));
                }
            });
            // Only the service that signs tokens may read the signing key.
            boolean privateKey = pod.getVolumes().stream().filter(v -> v.getSecret() != null)
                    .filter(v -> v.getSecret().getSecretName().equals("colloquy-jwt"))
                    .anyMatch(v -> v.getSecret().getItems() == null
                            || v.getSecret().getItems().stream().anyMatch(i -> i.getKey().equals("private-key.pem")));
            assertThat(privateKey).as("%s/%s can read the private key", overlay, app.name())
                    .isEqualTo(app.requiredSettings().containsKey("colloquy.jwt.private-key-location"));
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void everyDatabaseIsTheServicesOwnCloudNativePgCluster(RenderedOverlay overlay) {
        Set<String> clustersUsed = new HashSet<>();
        applications().filter(ServiceConfig::hasDatabase).forEach(app -> {
            Map<String, String> env = environment(overlay, app);
            String what = overlay + "/" + app.name();
            Matcher jdbc = JDBC_URL.matcher(env.get("QUARKUS_DATASOURCE_JDBC_URL"));
            Matcher reactive = REACTIVE_URL.matcher(env.get("QUARKUS_DATASOURCE_REACTIVE_URL"));
            assertThat(jdbc.matches()).as(what + " JDBC URL " + jdbc).isTrue();
            assertThat(reactive.matches()).as(what + " reactive URL " + reactive).isTrue();
            assertThat(reactive.group(1) + reactive.group(3)).as(what + " both URLs name one database")
                    .isEqualTo(jdbc.group(1) + jdbc.group(3));
            String host = jdbc.group(1);
            assertThat(host).as(what + " connects to the primary of a cluster (its -rw Service)").endsWith("-rw");
            String cluster = host.substring(0, host.length() - "-rw".length());
            JsonNode definition = overlay.find("Cluster", cluster)
                    .orElseThrow(() -> new AssertionError(what + " uses the undefined CNPG Cluster " + cluster));
            assertThat(definition.path("apiVersion").asText()).isEqualTo("postgresql.cnpg.io/v1");
            assertThat(definition.path("spec").path("bootstrap").path("initdb").path("database").asText())
                    .as(what + " database of " + cluster).isEqualTo(jdbc.group(3));
            assertThat(secretKeyRef(overlay, app, "QUARKUS_DATASOURCE_USERNAME")).as(what + " user")
                    .isEqualTo(cluster + "-app/username");
            assertThat(secretKeyRef(overlay, app, "QUARKUS_DATASOURCE_PASSWORD")).as(what + " password")
                    .isEqualTo(cluster + "-app/password");
            assertThat(clustersUsed.add(cluster)).as(what + ": " + cluster + " is shared").isTrue();
        });
        assertThat(overlay.ofKind("Cluster")).extracting(Kustomize::name)
                .as("%s: every CNPG Cluster belongs to a service", overlay)
                .containsExactlyInAnyOrderElementsOf(clustersUsed);
    }

    /**
     * Every pod of a service may open its reactive pool and Flyway's JDBC pool, notification-service's one more
     * (LISTEN); at the most pods the overlay runs, that must fit the cluster's max_connections (PostgreSQL's default
     * 100 unless set), less the 3 reserved for superusers.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void everyClusterAcceptsTheConnectionsOfItsServicesPodsAtTheirMost(RenderedOverlay overlay) {
        applications().filter(ServiceConfig::hasDatabase).forEach(app -> {
            String host = environment(overlay, app).get("QUARKUS_DATASOURCE_REACTIVE_URL").replaceAll(".*://", "")
                    .replaceAll("[:/].*", "");
            JsonNode cluster = overlay.find("Cluster", host.substring(0, host.length() - "-rw".length()))
                    .orElseThrow();
            int pods = overlay.find("HorizontalPodAutoscaler", app.name())
                    .map(autoscaler -> autoscaler.path("spec").path("maxReplicas").asInt())
                    .orElseGet(() -> overlay.deployment(app.name()).getSpec().getReplicas());
            int perPod = Integer.parseInt(app.properties().get("quarkus.datasource.reactive.max-size"))
                    + Integer.parseInt(app.properties().get("quarkus.datasource.jdbc.max-size"))
                    + (app.name().equals("notification-service") ? 1 : 0);
            int maxConnections = Integer.parseInt(cluster.path("spec").path("postgresql").path("parameters")
                    .path("max_connections").asText("100"));
            assertThat(pods * perPod).as("%s/%s: %d pods x %d connections against max_connections %d", overlay,
                    app.name(), pods, perPod, maxConnections).isLessThanOrEqualTo(maxConnections - 3);
        });
    }

    @Test
    void prodRunsThreePostgresInstancesPerService() {
        RenderedOverlay prod = RenderedOverlay.render("prod");
        long services = applications().filter(ServiceConfig::hasDatabase).count();
        assertThat(prod.ofKind("Cluster")).hasSize((int) services)
                .allSatisfy(cluster -> assertThat(cluster.path("spec").path("instances").asInt())
                        .as("instances of " + Kustomize.name(cluster)).isGreaterThanOrEqualTo(3));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void servicesReachKafkaThroughTheBootstrapServiceOfTheCluster(RenderedOverlay overlay) {
        List<JsonNode> clusters = overlay.ofKind("Kafka");
        assertThat(clusters).as("%s Kafka clusters", overlay).hasSize(1);
        String kafka = Kustomize.name(clusters.get(0));
        boolean plain9092 = false;
        for (JsonNode listener : clusters.get(0).path("spec").path("kafka").path("listeners")) {
            plain9092 |= listener.path("port").asInt() == 9092 && !listener.path("tls").asBoolean()
                    && listener.path("type").asText().equals("internal");
        }
        assertThat(plain9092).as("%s: %s has an internal plain listener on 9092", overlay, kafka).isTrue();
        applications().filter(app -> app.knownNames().contains("kafka.bootstrap.servers")).forEach(app ->
                assertThat(environment(overlay, app).get("KAFKA_BOOTSTRAP_SERVERS")).as("%s/%s", overlay, app.name())
                        .isEqualTo(kafka + "-kafka-bootstrap:9092"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void topicsAreTheContractsAndTheDeadLetterTopics(RenderedOverlay overlay) {
        int partitions = Topics.DEFAULT_PARTITIONS;
        Set<String> expected = new LinkedHashSet<>(Topics.ALL);
        applications().filter(ServiceConfig::usesMessaging).forEach(app -> expected.add(app.name() + ".dlq"));

        String kafka = Kustomize.name(overlay.ofKind("Kafka").get(0));
        int brokers = overlay.ofKind("KafkaNodePool").stream()
                .filter(pool -> pool.path("spec").path("roles").toString().contains("broker"))
                .mapToInt(pool -> pool.path("spec").path("replicas").asInt()).sum();
        List<JsonNode> topics = overlay.ofKind("KafkaTopic");
        assertThat(topics).extracting(t -> t.path("spec").path("topicName").asText())
                .as("%s topics", overlay).containsExactlyInAnyOrderElementsOf(expected);
        for (JsonNode t : topics) {
            String what = overlay + " topic " + t.path("spec").path("topicName").asText();
            assertThat(t.path("apiVersion").asText()).isEqualTo("kafka.strimzi.io/v1beta2");
            assertThat(t.path("metadata").path("labels").path("strimzi.io/cluster").asText()).as(what)
                    .isEqualTo(kafka);
            assertThat(t.path("spec").path("partitions").asInt()).as(what + " partitions").isEqualTo(partitions);
            assertThat(t.path("spec").path("replicas").asInt()).as(what + " replicas vs brokers")
                    .isBetween(1, brokers);
            Topics.config(t.path("spec").path("topicName").asText()).forEach((key, value) -> assertThat(
                    t.path("spec").path("config").path(key).asText()).as(what + " " + key).isEqualTo(value));
        }
    }

    /** The docker-compose file creates every topic with the settings of {@link Topics#config}. */
    @Test
    void composeCreatesEveryTopicWithItsSettings() {
        String command = ServiceConfig.read(ServiceConfig.ROOT.resolve("docker-compose.yml"));
        command = command.substring(command.indexOf("kafka-topics:"));
        Map<String, Map<String, String>> created = new HashMap<>();
        Matcher loop = Pattern.compile("for topic in ([^;]+); do(.*?)done", Pattern.DOTALL).matcher(command);
        while (loop.find()) {
            Map<String, String> settings = new HashMap<>();
            Matcher setting = Pattern.compile("--config (\\S+)=(\\S+)").matcher(loop.group(2));
            while (setting.find()) {
                settings.put(setting.group(1), setting.group(2));
            }
            for (String topic : loop.group(1).replace("\\", " ").trim().split("\\s+")) {
                created.put(topic, settings);
            }
        }
        List<String> expected = new ArrayList<>(Topics.ALL);
        applications().filter(ServiceConfig::usesMessaging).forEach(app -> expected.add(app.name() + ".dlq"));
        assertThat(created.keySet()).containsExactlyInAnyOrderElementsOf(expected);
        created.forEach((topic, settings) -> assertThat(settings).as(topic).isEqualTo(Topics.config(topic)));
    }

    @Test
    void prodTopicsSurviveTheLossOfABroker() {
        RenderedOverlay prod = RenderedOverlay.render("prod");
        assertThat(prod.ofKind("KafkaTopic")).isNotEmpty().allSatisfy(topic -> {
            String what = "prod topic " + topic.path("spec").path("topicName").asText();
            assertThat(topic.path("spec").path("replicas").asInt()).as(what + " replicas").isEqualTo(3);
            assertThat(topic.path("spec").path("config").path("min.insync.replicas").asInt())
                    .as(what + " min.insync.replicas").isEqualTo(2);
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void theGatewayReachesEveryServiceThroughItsService(RenderedOverlay overlay) {
        ServiceConfig gateway = ServiceConfig.of("api-gateway");
        Map<String, String> env = environment(overlay, gateway);
        List<String> upstreams = gateway.knownNames().stream()
                .filter(name -> name.startsWith("colloquy.gateway.upstreams.")).toList();
        assertThat(upstreams).isNotEmpty();
        for (String upstream : upstreams) {
            String target = upstream.substring("colloquy.gateway.upstreams.".length());
            String url = env.get(ServiceConfig.envName(upstream));
            assertThat(url).as("%s gateway upstream %s", overlay, target)
                    .isEqualTo("http://" + target + ":" + ServiceConfig.of(target).httpPort());
            Service service = overlay.services().stream().filter(s -> s.getMetadata().getName().equals(target))
                    .findFirst().orElseThrow(() -> new AssertionError(overlay + " has no Service " + target));
            assertThat(service.getSpec().getPorts()).extracting(ServicePort::getPort)
                    .contains(ServiceConfig.of(target).httpPort());
            assertThat(selectedDeployments(overlay, service)).extracting(d -> d.getMetadata().getName())
                    .as("%s: Service %s selects the pods of", overlay, target).containsExactly(target);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void everyServiceSelectsPodsOfADeploymentAndTargetsADeclaredPort(RenderedOverlay overlay) {
        assertThat(overlay.services()).as("%s Services", overlay).isNotEmpty();
        for (Service service : overlay.services()) {
            String what = overlay + " Service " + service.getMetadata().getName();
            List<Deployment> selected = selectedDeployments(overlay, service);
            assertThat(selected).as(what + " selects the pods of one Deployment").hasSize(1);
            List<ContainerPort> ports = selected.get(0).getSpec().getTemplate().getSpec().getContainers().stream()
                    .flatMap(c -> c.getPorts().stream()).toList();
            for (ServicePort port : service.getSpec().getPorts()) {
                IntOrString target = port.getTargetPort() == null ? new IntOrString(port.getPort())
                        : port.getTargetPort();
                assertThat(ports).as(what + " targetPort " + target.getValue())
                        .anyMatch(declared -> matches(target, declared));
            }
        }
        for (Deployment deployment : overlay.deployments()) {
            assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
                    .as("%s: the pods of %s match its own selector", overlay, deployment.getMetadata().getName())
                    .containsAllEntriesOf(deployment.getSpec().getSelector().getMatchLabels());
        }
    }

    @Test
    void prodAllowsTheFrontendOriginsItNamesAndNoPattern() {
        // The gateway's default (no COLLOQUY_CORS_ORIGINS) accepts any local frontend, for developers; in production
        // the origins are an explicit list.
        String origins = environment(RenderedOverlay.render("prod"), ServiceConfig.of("api-gateway"))
                .get("COLLOQUY_CORS_ORIGINS");
        assertThat(origins).as("prod COLLOQUY_CORS_ORIGINS").isNotBlank();
        for (String origin : origins.split(",")) {
            assertThat(origin.trim()).as("prod allowed origin").matches("https://[a-z0-9.-]+(:\\d+)?")
                    .doesNotContain("localhost").doesNotContain("127.0.0.1");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void theManagementPortIsNeitherInTheServiceNorBehindTheIngress(RenderedOverlay overlay) {
        ServiceConfig gateway = ServiceConfig.of("api-gateway");
        assertThat(gateway.healthPort()).as("the gateway's management port").isNotEqualTo(gateway.httpPort());
        Service service = overlay.services().stream().filter(s -> s.getMetadata().getName().equals("api-gateway"))
                .findFirst().orElseThrow();
        assertThat(service.getSpec().getPorts()).as("%s Service api-gateway ports", overlay)
                .allSatisfy(port -> assertThat(port.getPort()).isEqualTo(gateway.httpPort()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void theGatewayIsBehindTheIngress(RenderedOverlay overlay) {
        List<JsonNode> ingresses = overlay.ofKind("Ingress");
        assertThat(ingresses).as("%s Ingresses", overlay).hasSize(1);
        List<String> backends = new ArrayList<>();
        for (JsonNode rule : ingresses.get(0).path("spec").path("rules")) {
            for (JsonNode path : rule.path("http").path("paths")) {
                JsonNode backend = path.path("backend").path("service");
                backends.add(backend.path("name").asText());
                Service service = overlay.services().stream()
                        .filter(s -> s.getMetadata().getName().equals(backend.path("name").asText())).findFirst()
                        .orElseThrow(() -> new AssertionError(overlay + " Ingress backend " + backend + " missing"));
                assertThat(service.getSpec().getPorts()).as("%s Ingress backend port %s", overlay, backend)
                        .anyMatch(p -> Objects.equals(p.getName(), backend.path("port").path("name").asText(null))
                                || p.getPort() == backend.path("port").path("number").asInt(-1));
            }
        }
        assertThat(backends).as("%s Ingress backends", overlay).containsOnly("api-gateway").isNotEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void everySecretAndConfigMapReferenceResolves(RenderedOverlay overlay) {
        Set<String> secrets = new HashSet<>(OPERATOR_SECRETS.keySet());
        overlay.secrets().forEach(s -> secrets.add(s.getMetadata().getName()));
        // CloudNativePG makes "<cluster>-app" with the owner's credentials for every Cluster.
        overlay.ofKind("Cluster").forEach(c -> secrets.add(Kustomize.name(c) + "-app"));
        Set<String> configMaps = new HashSet<>();
        overlay.configMaps().forEach(c -> configMaps.add(c.getMetadata().getName()));

        Set<String> secretRefs = new LinkedHashSet<>();
        for (Deployment deployment : overlay.deployments()) {
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            String what = overlay + "/" + deployment.getMetadata().getName();
            for (Container container : pod.getContainers()) {
                for (EnvFromSource from : Optional.ofNullable(container.getEnvFrom()).orElse(List.of())) {
                    if (from.getConfigMapRef() != null) {
                        assertThat(configMaps).as(what + " envFrom").contains(from.getConfigMapRef().getName());
                    }
                    if (from.getSecretRef() != null) {
                        secretRefs.add(from.getSecretRef().getName());
                    }
                }
                for (EnvVar env : Optional.ofNullable(container.getEnv()).orElse(List.of())) {
                    if (env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null) {
                        secretRefs.add(env.getValueFrom().getSecretKeyRef().getName());
                    }
                    if (env.getValueFrom() != null && env.getValueFrom().getConfigMapKeyRef() != null) {
                        var ref = env.getValueFrom().getConfigMapKeyRef();
                        assertThat(overlay.configMapData(ref.getName())).as(what + " " + env.getName())
                                .containsKey(ref.getKey());
                    }
                }
            }
            for (Volume volume : Optional.ofNullable(pod.getVolumes()).orElse(List.of())) {
                if (volume.getSecret() != null) {
                    secretRefs.add(volume.getSecret().getSecretName());
                }
                if (volume.getConfigMap() != null) {
                    assertThat(configMaps).as(what + " volume").contains(volume.getConfigMap().getName());
                }
            }
        }
        overlay.ofKind("Ingress").forEach(ingress -> ingress.path("spec").path("tls")
                .forEach(tls -> secretRefs.add(tls.path("secretName").asText())));
        assertThat(secrets).as("%s: Secrets defined or provided by an operator", overlay).containsAll(secretRefs);

        String readme = ServiceConfig.read(ServiceConfig.ROOT.resolve("deploy/README.md"));
        OPERATOR_SECRETS.keySet().stream().filter(secretRefs::contains).forEach(secret ->
                assertThat(readme).as("deploy/README.md says how to provide " + secret).contains(secret));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void disruptionBudgetsNeverBlockADrain(RenderedOverlay overlay) {
        for (JsonNode budget : overlay.ofKind("PodDisruptionBudget")) {
            Map<String, String> selector = new HashMap<>();
            budget.path("spec").path("selector").path("matchLabels").fields()
                    .forEachRemaining(e -> selector.put(e.getKey(), e.getValue().asText()));
            Deployment deployment = overlay.deployments().stream()
                    .filter(d -> d.getSpec().getTemplate().getMetadata().getLabels().entrySet()
                            .containsAll(selector.entrySet()))
                    .findFirst().orElseThrow(() -> new AssertionError(overlay + " PDB " + Kustomize.name(budget)
                            + " selects no pods"));
            assertThat(budget.path("spec").path("minAvailable").asInt())
                    .as("%s PDB %s minAvailable vs replicas", overlay, Kustomize.name(budget))
                    .isLessThan(deployment.getSpec().getReplicas());
        }
    }

    @Test
    void devRunsOnePodPerApplication() {
        RenderedOverlay dev = RenderedOverlay.render("dev");
        assertThat(dev.deployments()).allSatisfy(d -> assertThat(d.getSpec().getReplicas())
                .as("dev replicas of " + d.getMetadata().getName()).isEqualTo(1));
        assertThat(dev.ofKind("HorizontalPodAutoscaler")).as("dev autoscalers").isEmpty();
    }

    @Test
    void prodRunsAtLeastTwoPodsOfEveryApplicationWithAutoscalerAndDisruptionBudget() {
        RenderedOverlay prod = RenderedOverlay.render("prod");
        for (Deployment deployment : prod.deployments()) {
            String name = deployment.getMetadata().getName();
            assertThat(deployment.getSpec().getReplicas()).as("prod replicas of " + name).isGreaterThanOrEqualTo(2);
            JsonNode autoscaler = prod.find("HorizontalPodAutoscaler", name)
                    .orElseThrow(() -> new AssertionError("prod has no autoscaler for " + name));
            assertThat(autoscaler.path("apiVersion").asText()).isEqualTo("autoscaling/v2");
            assertThat(autoscaler.path("spec").path("scaleTargetRef").path("kind").asText()).isEqualTo("Deployment");
            assertThat(autoscaler.path("spec").path("scaleTargetRef").path("name").asText()).isEqualTo(name);
            assertThat(autoscaler.path("spec").path("minReplicas").asInt()).as("prod minReplicas of " + name)
                    .isGreaterThanOrEqualTo(2);
            assertThat(autoscaler.path("spec").path("maxReplicas").asInt())
                    .isGreaterThanOrEqualTo(autoscaler.path("spec").path("minReplicas").asInt());
            JsonNode budget = prod.find("PodDisruptionBudget", name)
                    .orElseThrow(() -> new AssertionError("prod has no disruption budget for " + name));
            assertThat(budget.path("spec").path("minAvailable").asInt()).as("prod minAvailable of " + name)
                    .isEqualTo(1);
            assertThat(budget.path("spec").path("selector").path("matchLabels").path("app.kubernetes.io/name")
                    .asText()).isEqualTo(name);
        }
    }

    @Test
    void prodImagesArePinned() {
        RenderedOverlay prod = RenderedOverlay.render("prod");
        for (Deployment deployment : prod.deployments()) {
            for (Container container : deployment.getSpec().getTemplate().getSpec().getContainers()) {
                String image = container.getImage();
                String tag = image.contains("@") ? null : image.substring(Kustomize.imageName(image).length());
                assertThat(image.contains("@sha256:") || (tag != null && tag.startsWith(":")
                        && !tag.equals(":latest") && !tag.endsWith("-SNAPSHOT")))
                        .as("prod image %s of %s is pinned to a release tag or digest", image,
                                deployment.getMetadata().getName())
                        .isTrue();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void everythingIsInTheOverlaysNamespace(RenderedOverlay overlay) {
        List<JsonNode> namespaces = overlay.ofKind("Namespace");
        assertThat(namespaces).as("%s Namespace", overlay).hasSize(1);
        String namespace = Kustomize.name(namespaces.get(0));
        overlay.resources.stream().filter(r -> !Kustomize.kind(r).equals("Namespace")).forEach(r ->
                assertThat(r.path("metadata").path("namespace").asText())
                        .as("%s %s/%s namespace", overlay, Kustomize.kind(r), Kustomize.name(r)).isEqualTo(namespace));
    }

    private static void assertProbe(RenderedOverlay overlay, ServiceConfig app, Container container, String kind,
            Probe probe, String path) {
        String what = overlay + "/" + app.name() + " " + kind + " probe";
        assertThat(probe).as(what).isNotNull();
        assertThat(probe.getHttpGet()).as(what + " is an HTTP GET").isNotNull();
        assertThat(probe.getHttpGet().getPath()).as(what + " path").isEqualTo(path);
        IntOrString port = probe.getHttpGet().getPort();
        ContainerPort declared = container.getPorts().stream().filter(p -> matches(port, p)).findFirst()
                .orElseThrow(() -> new AssertionError(what + " port " + port.getValue() + " is not declared"));
        assertThat(declared.getContainerPort()).as(what + " port").isEqualTo(app.healthPort());
    }

    private static boolean matches(IntOrString port, ContainerPort declared) {
        return port.getIntVal() != null ? port.getIntVal().equals(declared.getContainerPort())
                : port.getStrVal().equals(declared.getName());
    }

    private static Container container(RenderedOverlay overlay, ServiceConfig app) {
        List<Container> containers = overlay.deployment(app.name()).getSpec().getTemplate().getSpec().getContainers();
        return containers.stream().filter(c -> c.getName().equals(app.name())).findFirst()
                .orElseThrow(() -> new AssertionError(overlay + "/" + app.name() + " has no container " + app.name()));
    }

    private static Volume volume(PodSpec pod, String name) {
        return pod.getVolumes().stream().filter(v -> v.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no volume " + name));
    }

    /**
     * The environment of an application's container: its ConfigMaps' entries (envFrom), then its own variables; a
     * variable from a Secret has the value "secret:name/key".
     */
    private static Map<String, String> environment(RenderedOverlay overlay, ServiceConfig app) {
        Container container = container(overlay, app);
        Map<String, String> env = new HashMap<>();
        for (EnvFromSource from : Optional.ofNullable(container.getEnvFrom()).orElse(List.of())) {
            if (from.getConfigMapRef() != null) {
                String prefix = Optional.ofNullable(from.getPrefix()).orElse("");
                overlay.configMapData(from.getConfigMapRef().getName()).forEach((k, v) -> env.put(prefix + k, v));
            }
            if (from.getSecretRef() != null) {
                fail(overlay + "/" + app.name() + ": envFrom a Secret hides which settings it sets; use secretKeyRef");
            }
        }
        for (EnvVar variable : Optional.ofNullable(container.getEnv()).orElse(List.of())) {
            if (variable.getValueFrom() != null && variable.getValueFrom().getSecretKeyRef() != null) {
                var ref = variable.getValueFrom().getSecretKeyRef();
                env.put(variable.getName(), "secret:" + ref.getName() + "/" + ref.getKey());
            } else if (variable.getValueFrom() != null && variable.getValueFrom().getConfigMapKeyRef() != null) {
                var ref = variable.getValueFrom().getConfigMapKeyRef();
                env.put(variable.getName(), overlay.configMapData(ref.getName()).getOrDefault(ref.getKey(), ""));
            } else {
                env.put(variable.getName(), Optional.ofNullable(variable.getValue()).orElse(""));
            }
        }
        return env;
    }

    private static String secretKeyRef(RenderedOverlay overlay, ServiceConfig app, String variable) {
        String value = environment(overlay, app).get(variable);
        assertThat(value).as("%s/%s %s comes from a Secret", overlay, app.name(), variable).startsWith("secret:");
        return value.substring("secret:".length());
    }

    private static List<Deployment> selectedDeployments(RenderedOverlay overlay, Service service) {
        Map<String, String> selector = service.getSpec().getSelector();
        assertThat(selector).as("%s Service %s selector", overlay, service.getMetadata().getName()).isNotEmpty();
        return overlay.deployments().stream()
                .filter(d -> d.getSpec().getTemplate().getMetadata().getLabels().entrySet()
                        .containsAll(selector.entrySet()))
                .toList();
    }
}
