package io.el2studio.debug.core;

/** Identifiers shared by the EL2 Studio launch configuration type, its delegate and its tabs. */
public final class El2Launch {

    public static final String PLUGIN_ID = "io.el2studio.debug.core";

    /** Id of the "EL2 Studio" launch configuration type (plugin.xml). */
    public static final String TYPE_ID = "io.el2studio.debug.core.launchType";

    /** Launch attribute: file system path of the AArch64 image (ELF or raw binary) to run. */
    public static final String ATTR_IMAGE = PLUGIN_ID + ".image";

    private El2Launch() {
    }
}
