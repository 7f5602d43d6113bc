/**
 * Where variables are, as gdb 13 finds them: the DWARF expression stack machine
 * ({@link io.el2studio.engine.expr.DwarfExpression} over an {@link io.el2studio.engine.expr.ExpressionContext},
 * DWARF 5 2.5-2.6 with gcc's GNU operations), its result ({@link io.el2studio.engine.expr.Location}),
 * location lists ({@link io.el2studio.engine.expr.LocationList}: .debug_loclists and .debug_loc),
 * gdb's blocks and symbols of a symbol file ({@link io.el2studio.engine.expr.Scopes},
 * {@link io.el2studio.engine.expr.Block}, {@link io.el2studio.engine.expr.Variable}: info args,
 * info locals, C name lookup), a frame of the unwinder as an expression context with entry values
 * through call sites ({@link io.el2studio.engine.expr.FrameExpressionContext}), and gdb's words for a
 * location ({@link io.el2studio.engine.expr.GdbScopeText}: info scope). Nothing here throws for bad
 * debug information.
 */
package io.el2studio.engine.expr;
