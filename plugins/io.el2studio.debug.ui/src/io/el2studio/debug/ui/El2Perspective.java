package io.el2studio.debug.ui;

import org.eclipse.debug.ui.IDebugUIConstants;
import org.eclipse.ui.IFolderLayout;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IPerspectiveFactory;

/** The "EL2 Studio" perspective: project explorer and debug views around the editor, EL2 registers at the right. */
public class El2Perspective implements IPerspectiveFactory {

    public static final String ID = "io.el2studio.debug.ui.perspective";

    @Override
    public void createInitialLayout(IPageLayout layout) {
        String editors = layout.getEditorArea();
        IFolderLayout left = layout.createFolder("left", IPageLayout.LEFT, 0.22f, editors);
        left.addView(IDebugUIConstants.ID_DEBUG_VIEW);
        left.addPlaceholder(IPageLayout.ID_PROJECT_EXPLORER);
        IFolderLayout right = layout.createFolder("right", IPageLayout.RIGHT, 0.68f, editors);
        right.addView(RegistersView.ID);
        right.addView(IDebugUIConstants.ID_BREAKPOINT_VIEW);
        IFolderLayout bottom = layout.createFolder("bottom", IPageLayout.BOTTOM, 0.72f, editors);
        bottom.addView(IPageLayout.ID_PROBLEM_VIEW);
        bottom.addPlaceholder("org.eclipse.ui.console.ConsoleView");
        layout.addActionSet(IDebugUIConstants.LAUNCH_ACTION_SET);
        layout.addShowViewShortcut(RegistersView.ID);
        layout.addShowViewShortcut(IDebugUIConstants.ID_DEBUG_VIEW);
        layout.addPerspectiveShortcut(IDebugUIConstants.ID_DEBUG_PERSPECTIVE);
    }
}
