"""Reports: the quota, the report section as values, and its renderings (text, Markdown, CSV, Word)."""
