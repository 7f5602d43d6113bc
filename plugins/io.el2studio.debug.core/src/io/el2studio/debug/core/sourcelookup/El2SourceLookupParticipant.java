package io.el2studio.debug.core.sourcelookup;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.sourcelookup.AbstractSourceLookupParticipant;
import org.eclipse.debug.core.sourcelookup.containers.LocalFileStorage;

import io.el2studio.debug.core.model.El2StackFrame;

/**
 * Finds the source of a frame: the file the line table names when it is absolute (DW_AT_comp_dir
 * joined with the file entry) - the workspace file at that location, else the file itself - and
 * otherwise the name gdb shows, searched in the source containers (project, image directory, workspace).
 */
public class El2SourceLookupParticipant extends AbstractSourceLookupParticipant {
    @Override
    public String getSourceName(Object object) {
        if (object instanceof El2StackFrame f) {
            String name = f.getSourceName();
            if (name == null) {
                return null;
            }
            while (name.startsWith("./")) {
                name = name.substring(2);
            }
            return name;
        }
        return null;
    }

    @Override
    public Object[] findSourceElements(Object object) throws CoreException {
        if (object instanceof El2StackFrame f && f.getSourcePath() != null) {
            File file = new File(f.getSourcePath());
            if (file.isAbsolute() && file.isFile()) {
                List<Object> out = new ArrayList<>();
                for (IFile w : ResourcesPlugin.getWorkspace().getRoot().findFilesForLocationURI(file.toURI())) {
                    if (w.isAccessible()) {
                        out.add(w);
                    }
                }
                if (out.isEmpty()) {
                    out.add(new LocalFileStorage(file));
                }
                return out.toArray();
            }
        }
        return super.findSourceElements(object);
    }
}
