package io.el2studio.debug.ui.examples;

import java.lang.reflect.InvocationTargetException;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.jface.dialogs.ErrorDialog;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.wizard.Wizard;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.INewWizard;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.actions.WorkspaceModifyOperation;
import org.eclipse.ui.ide.IDE;
import org.eclipse.ui.wizards.newresource.BasicNewResourceWizard;

import io.el2studio.debug.ui.El2ModelPresentation;

/**
 * File &gt; New &gt; Example... &gt; EL2 Studio &gt; EL2 Studio microvisor: one page (the project's name), then
 * the example's sources copied into a new project and a ready "EL2 Studio" launch configuration
 * (make, build/hyp.elf, stop at hyp_main). The copy runs in a WorkspaceModifyOperation in the wizard
 * container's worker thread, not on the UI thread.
 */
public class MicrovisorExampleWizard extends Wizard implements INewWizard {
    public static final String ID = "io.el2studio.debug.ui.examples.microvisor";
    private IWorkbench workbench;
    private NamePage page;
    private IProject project;
    private ILaunchConfiguration configuration;

    public MicrovisorExampleWizard() {
        setWindowTitle("EL2 Studio microvisor");
        setNeedsProgressMonitor(true);
    }

    @Override
    public void init(IWorkbench workbench, IStructuredSelection selection) {
        this.workbench = workbench;
    }

    @Override
    public void addPages() {
        page = new NamePage();
        addPage(page);
    }

    /** The page, so that a test can type the name. */
    public NamePage namePage() {
        return page;
    }

    /** The project and the configuration the last finish made, or null. */
    public IProject project() {
        return project;
    }

    public ILaunchConfiguration configuration() {
        return configuration;
    }

    @Override
    public boolean performFinish() {
        String name = page.name();
        IProject[] made = new IProject[1];
        ILaunchConfiguration[] config = new ILaunchConfiguration[1];
        WorkspaceModifyOperation op = new WorkspaceModifyOperation() {
            @Override
            protected void execute(org.eclipse.core.runtime.IProgressMonitor monitor) throws CoreException {
                made[0] = ExampleProjects.create(name, ExampleProjects.MICROVISOR, monitor);
                config[0] = ExampleProjects.microvisorConfiguration(made[0]);
            }
        };
        try {
            getContainer().run(true, false, op);
        } catch (InvocationTargetException e) {
            CoreException ce = e.getCause() instanceof CoreException c ? c
                    : ExampleProjects.error(String.valueOf(e.getCause()));
            page.setErrorMessage(ce.getStatus().getMessage());
            ErrorDialog.openError(getShell(), "EL2 Studio microvisor", "The example project was not created", ce.getStatus());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        project = made[0];
        configuration = config[0];
        IWorkbenchWindow window = workbench == null ? null : workbench.getActiveWorkbenchWindow();
        if (window != null) {
            BasicNewResourceWizard.selectAndReveal(project, window);
            try { // the C entry, where the launch will stop
                IDE.openEditor(window.getActivePage(), project.getFile("hyp/main.c"), El2ModelPresentation.GENERIC_EDITOR);
            } catch (PartInitException e) {
                // the project is made; an editor that does not open is no reason to fail the wizard
            }
        }
        return true;
    }

    /** The one page: the project's name, "microvisor" unless taken. */
    public static final class NamePage extends org.eclipse.jface.wizard.WizardPage {
        private Text name;

        NamePage() {
            super("name");
            setTitle("EL2 Studio microvisor");
            setDescription("A two-VM hypervisor at EL2 with its guests, built with make and ready to debug");
        }

        @Override
        public void createControl(Composite parent) {
            Composite c = new Composite(parent, SWT.NONE);
            c.setLayout(new GridLayout(2, false));
            new Label(c, SWT.NONE).setText("Project name:");
            name = new Text(c, SWT.BORDER);
            name.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
            name.setText(ExampleProjects.MICROVISOR);
            name.addModifyListener(e -> validate());
            Label note = new Label(c, SWT.WRAP);
            note.setText("Creates the project with the sources of the example (hyp/, guest/, Makefile, README.md) and the "
                    + "launch configuration that builds it with make and stops at hyp_main.");
            GridData g = new GridData(SWT.FILL, SWT.TOP, true, false, 2, 1);
            g.widthHint = 400;
            note.setLayoutData(g);
            setControl(c);
            validate();
        }

        private void validate() {
            String problem = ExampleProjects.nameProblem(name());
            setErrorMessage(problem);
            setPageComplete(problem == null);
        }

        public String name() {
            return name == null ? ExampleProjects.MICROVISOR : name.getText().strip();
        }

        public void setName(String value) {
            name.setText(value);
        }
    }
}
