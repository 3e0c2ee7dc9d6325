"""The PySide6 window; it imports the engine (app), never the reverse."""
