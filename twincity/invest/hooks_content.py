"""Hooks of the investment app's content part (see wagtail_hooks.py)."""
