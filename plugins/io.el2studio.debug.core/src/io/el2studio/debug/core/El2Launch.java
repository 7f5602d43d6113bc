package io.el2studio.debug.core;

/** Identifiers shared by the EL2 Studio launch configuration type, its delegate, its tabs and the debug model. */
public final class El2Launch {

    public static final String PLUGIN_ID = "io.el2studio.debug.core";

    /** Id of the "EL2 Studio" launch configuration type (plugin.xml). */
    public static final String TYPE_ID = "io.el2studio.debug.core.launchType";

    /** Debug model identifier of every element of an EL2 Studio target. */
    public static final String MODEL_ID = "io.el2studio.debug";

    /** Marker type of line breakpoints (plugin.xml). */
    public static final String LINE_BREAKPOINT_MARKER = PLUGIN_ID + ".lineBreakpointMarker";

    /** Marker type of address breakpoints (plugin.xml). */
    public static final String ADDRESS_BREAKPOINT_MARKER = PLUGIN_ID + ".addressBreakpointMarker";

    /** Marker type of EL2 trap breakpoints (plugin.xml). */
    public static final String TRAP_BREAKPOINT_MARKER = PLUGIN_ID + ".trapBreakpointMarker";

    /** Problem marker type of compiler errors found by the launch's build step (plugin.xml). */
    public static final String BUILD_PROBLEM_MARKER = PLUGIN_ID + ".buildProblem";

    // ---- Main tab ----
    /** Workspace project the launch builds in and looks up sources in (may be empty). */
    public static final String ATTR_PROJECT = PLUGIN_ID + ".project";
    /** File system path of the AArch64 image (ELF, Linux Image or raw binary); relative = to the project. */
    public static final String ATTR_IMAGE = PLUGIN_ID + ".image";
    public static final String ATTR_INITRD = PLUGIN_ID + ".initrd";
    public static final String ATTR_DTB = PLUGIN_ID + ".dtb";
    /** Kernel command line (run --append). */
    public static final String ATTR_APPEND = PLUGIN_ID + ".append";

    // ---- Machine tab (the options of ./el2studio run) ----
    public static final String ATTR_CPU = PLUGIN_ID + ".cpu";
    public static final String ATTR_SMP = PLUGIN_ID + ".smp";
    public static final String ATTR_MEMORY = PLUGIN_ID + ".memory";
    public static final String ATTR_EL = PLUGIN_ID + ".el";
    public static final String ATTR_IDLE_SLEEP = PLUGIN_ID + ".idleSleep";

    // ---- Debugger tab ----
    /** Where a Debug launch stops first: {@link #STOP_ENTRY}, {@link #STOP_SYMBOL} or {@link #STOP_NONE}. */
    public static final String ATTR_STOP = PLUGIN_ID + ".stop";
    public static final String STOP_ENTRY = "entry";
    public static final String STOP_SYMBOL = "symbol";
    public static final String STOP_NONE = "none";
    public static final String ATTR_STOP_SYMBOL = PLUGIN_ID + ".stopSymbol";
    /** TCP port of the optional GDB server ("" = none). */
    public static final String ATTR_GDB_PORT = PLUGIN_ID + ".gdbPort";

    // ---- Build tab ----
    /** Command run in the project's directory before launching (default {@code make}; empty = none). */
    public static final String ATTR_BUILD_COMMAND = PLUGIN_ID + ".buildCommand";
    public static final String DEFAULT_BUILD_COMMAND = "make";

    public static final String DEFAULT_CPU = "max";
    public static final String DEFAULT_MEMORY = "128M";
    public static final String DEFAULT_STOP_SYMBOL = "main";

    private El2Launch() {
    }
}
