package org.pathnorm.experiments;

/** One training run of a sweep, named by a stable id (its directory under {@code cells/}). */
public record Cell(String id, CellSpec spec) {}
