from django.urls import path

from . import views

app_name = "moderation"
urlpatterns = [
    path("", views.desk, name="desk"),
    path("log/", views.log, name="log"),
    path("bulk/", views.bulk, name="bulk"),
    path("comments/<int:comment_id>/", views.comment, name="comment"),
    path("comments/<int:comment_id>/approve/", views.approve, name="approve"),
    path("comments/<int:comment_id>/reject/", views.reject, name="reject"),
    path("comments/<int:comment_id>/delete/", views.delete, name="delete"),
    path("comments/<int:comment_id>/feature/", views.feature, name="feature"),
    path("comments/<int:comment_id>/ban/", views.ban, name="ban"),
    path("comments/<int:comment_id>/standing/", views.standing, name="standing"),
]
