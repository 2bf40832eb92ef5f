"""Hooks of the investment app's cases part (see wagtail_hooks.py)."""
