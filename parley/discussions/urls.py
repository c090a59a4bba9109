from django.urls import path

from . import views

app_name = "discussions"
urlpatterns = [
    path("comments/<int:comment_id>/vote/", views.vote, name="vote"),
    path("comments/<int:comment_id>/edit/", views.edit, name="edit"),
    path("comments/<int:comment_id>/delete/", views.delete, name="delete"),
    path("comments/<int:comment_id>/notify/", views.notify, name="notify"),
]
