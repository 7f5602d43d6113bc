package io.el2studio.debug.core.model;

import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.model.DebugElement;
import org.eclipse.debug.core.model.IDebugTarget;

import io.el2studio.debug.core.El2Launch;

/** Base of the elements of an EL2 Studio debug target: the model id and a plain error helper. */
abstract class El2DebugElement extends DebugElement {

    El2DebugElement(IDebugTarget target) {
        super(target);
    }

    @Override
    public String getModelIdentifier() {
        return El2Launch.MODEL_ID;
    }

    static DebugException error(String message) {
        return new DebugException(org.eclipse.core.runtime.Status.error(message));
    }
}
