"""Hooks of the investment app's enquiries part (see wagtail_hooks.py)."""
