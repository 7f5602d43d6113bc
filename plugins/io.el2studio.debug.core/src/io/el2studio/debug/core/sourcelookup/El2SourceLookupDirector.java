package io.el2studio.debug.core.sourcelookup;

import org.eclipse.debug.core.sourcelookup.AbstractSourceLookupDirector;
import org.eclipse.debug.core.sourcelookup.ISourceLookupParticipant;

/** The platform's source lookup for EL2 Studio frames (the Source tab edits its containers). */
public class El2SourceLookupDirector extends AbstractSourceLookupDirector {
    public static final String ID = "io.el2studio.debug.core.sourceLocator";

    @Override
    public void initializeParticipants() {
        addParticipants(new ISourceLookupParticipant[] { new El2SourceLookupParticipant() });
    }
}
