"""Pure planning: the running order, chunking into utterances, the timeline and fitting (no files, no numpy)."""
