package org.colloquy.platform;

/**
 * One running copy of an application. Every application has instance 0; with {@code --replicas N} each service
 * behind the gateway has N (the gateway stays one). Instance {@code i} listens
 * {@link PlatformConfig#INSTANCE_PORT_STEP} × {@code i} above the service's port and logs to its own file.
 */
public record ServiceInstance(PlatformService service, int index) {

    /** {@code article-service}, {@code article-service-2}, ... */
    public String name() {
        return index == 0 ? service.name() : service.name() + "-" + (index + 1);
    }
}
