"""Views of the events, one module per kind of user; each module lists its own urlpatterns."""
