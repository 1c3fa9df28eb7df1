"""The Textual face of alms-tui. Imports the core; the core never imports this."""
