"""The tag vocabulary of the places data (shared with the data file and the planner).

The tags and their names in both languages are core's vocabulary (core/data/place_tags.json);
this is the slug -> label view the tourism forms and the planner read, the label shown in the
language active when it is rendered.
"""

from twincity.core.vocabulary import PLACE_TAGS

TAGS = {term.key: term.label for term in PLACE_TAGS}
