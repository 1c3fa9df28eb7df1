"""Widgets of the main screen: each pane owns its rendering and its keys."""
