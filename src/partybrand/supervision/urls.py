from django.urls import path

from partybrand.supervision import review_views, views

app_name = "supervision"
urlpatterns = [
    path("", views.ticket_list, name="ticket_list"),
    path("tickets/new/", views.ticket_create, name="ticket_create"),
    path("tickets/<int:pk>/", views.ticket_detail, name="ticket_detail"),
    path("tickets/<int:pk>/print/", views.ticket_print, name="ticket_print"),
    path("tickets/<int:pk>/assign/", views.ticket_assign, name="ticket_assign"),
    path("tickets/<int:pk>/start/", views.ticket_start, name="ticket_start"),
    path("tickets/<int:pk>/feedback/", views.ticket_feedback, name="ticket_feedback"),
    path("tickets/<int:pk>/return/", views.ticket_return, name="ticket_return"),
    path("tickets/<int:pk>/close/", views.ticket_close, name="ticket_close"),
    path("tickets/<int:pk>/archive/", views.ticket_archive, name="ticket_archive"),
    path("files/<int:pk>/", views.file_download, name="file_download"),
    path("meetings/", review_views.meeting_list, name="meeting_list"),
    path("plans/<int:plan_pk>/meetings/new/", review_views.meeting_create, name="meeting_create"),
    path("meetings/<int:pk>/", review_views.meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>/edit/", review_views.meeting_edit, name="meeting_edit"),
    path("meetings/<int:pk>/items/", review_views.item_add, name="item_add"),
    path("items/<int:pk>/done/", review_views.item_done, name="item_done"),
    path("items/<int:pk>/verify/", review_views.item_verify, name="item_verify"),
    path("participation/", review_views.participation_page, name="participation"),
]
