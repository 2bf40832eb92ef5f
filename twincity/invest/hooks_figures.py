"""Hooks of the investment app's figures part (see wagtail_hooks.py)."""
