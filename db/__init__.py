"""Persistence for LuuTru archives: models, engine and migrations (no Qt)."""
