"""alms-tui: a terminal dashboard for the 2004 American Le Mans Series.

Two wings: ``tui.core`` knows nothing of screens (models, loading and checks,
derived classification, points, export, writing); ``tui.ui`` is the Textual face
and imports the core, never the reverse.
"""

__version__ = "0.1.0"
