package io.el2studio.sim.tests.diff;

/**
 * The former home of {@link io.el2studio.sim.tests.support.GuestBuild}, kept so that tests which
 * still import it compile unchanged: every constant, method and nested type is inherited. New code
 * imports io.el2studio.sim.tests.support.GuestBuild.
 */
public final class GuestBuild extends io.el2studio.sim.tests.support.GuestBuild {
    private GuestBuild() {
    }
}
