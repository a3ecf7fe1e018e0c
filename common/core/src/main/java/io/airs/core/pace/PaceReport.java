package io.airs.core.pace;

import java.util.List;

/**
 * Every layer's PACE status at one moment.
 *
 * @param layers one report per layer, in {@link Layer} order
 * @param globalTrip whether two or more layers are in EMERGENCY
 */
public record PaceReport(List<LayerReport> layers, boolean globalTrip) {

    public PaceReport {
        layers = List.copyOf(layers);
    }
}
