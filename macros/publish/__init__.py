"""Publishing a built site: PDFs, the release zip, the Content-Security-Policy.

Imports from macros.render and macros.read, never the other way."""
