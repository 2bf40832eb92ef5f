from django.urls import path

from . import views

urlpatterns = [
    path("campaigns/<int:campaign_id>/seen/<str:side>/", views.seen, name="campaign-seen"),
    path("campaigns/<int:campaign_id>/go/<str:side>/", views.go, name="campaign-go"),
]
