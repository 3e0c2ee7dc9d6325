"""Draft → Report: the report model, its sections and keyed statistics tables."""
