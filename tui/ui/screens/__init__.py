"""Screens: the main dashboard and the views one key away from it."""
