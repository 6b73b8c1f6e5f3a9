"""Rendering pages from a loaded catalogue: Markdown pages, navigation, diagrams, downloads, print helpers.

Imports only from macros.read; nothing here imports MkDocs or a publishing step."""
