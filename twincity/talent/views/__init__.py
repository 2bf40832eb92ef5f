"""Views of the job fair, one module per kind of user; each module lists its own urlpatterns."""
