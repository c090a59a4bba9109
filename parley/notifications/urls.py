from django.urls import path

from . import views

app_name = "notifications"
urlpatterns = [
    path("", views.manage, name="manage"),
    path("manage/<str:token>/", views.manage_link, name="manage_link"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("address/<str:token>/", views.confirm_address, name="confirm_address"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
