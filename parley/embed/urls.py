from django.urls import path

from . import views

app_name = "embed"
urlpatterns = [path("embed/", views.embed_help, name="help")]
