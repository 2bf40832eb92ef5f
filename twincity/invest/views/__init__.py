"""The investment app's own pages: the investor's enquiry and its status (public.py); the
admin's cases (cases.py) and figures (figures.py)."""
