package io.el2studio.debug.core.sourcelookup;

import org.eclipse.debug.core.sourcelookup.AbstractSourceLookupParticipant;

import io.el2studio.debug.core.model.El2StackFrame;

/** Names the source of a frame: the file its line-table row gives, without a leading {@code ./}. */
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
}
