package kz.shekara.server.store;

import kz.shekara.server.api.ApiError;

/** A deliberate back-edge (store → api) that {@code ArchitectureTest} must reject; test code only. */
public final class BackEdgeProbe {
    public ApiError probe() {
        return ApiError.badRequest("probe", "a store class reaching up into the API");
    }
}
