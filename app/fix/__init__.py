"""Findings the user chose → fix plan → corrected or annotated copy of the file."""
