"""Build-time tooling for the exosome FAQ: content loading, checks, rendering, hooks."""
