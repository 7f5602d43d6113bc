package io.el2studio.debug.ui.launch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;

import org.eclipse.core.expressions.PropertyTester;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.runtime.IAdaptable;

/** {@code io.el2studio.debug.ui.isElf}: the file starts with the ELF magic (0x7F 'E' 'L' 'F'), for the launch shortcut. */
public class ElfPropertyTester extends PropertyTester {
    @Override
    public boolean test(Object receiver, String property, Object[] args, Object expectedValue) {
        IFile file = receiver instanceof IAdaptable a ? a.getAdapter(IFile.class) : null;
        if (file == null || file.getLocation() == null) {
            return false;
        }
        try (InputStream in = Files.newInputStream(file.getLocation().toPath())) {
            byte[] m = in.readNBytes(4);
            return m.length == 4 && m[0] == 0x7F && m[1] == 'E' && m[2] == 'L' && m[3] == 'F';
        } catch (IOException e) {
            return false;
        }
    }
}
