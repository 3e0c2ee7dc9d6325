"""Findings in the report's words, shared by the copies (app/fix), the summaries (app/summary) and the window: where
each one is (`location`) and how per-cell findings are grouped for a reader (`grouping`)."""
