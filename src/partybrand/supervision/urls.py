from django.urls import path

from partybrand.supervision.views import reviews, tickets

app_name = "supervision"
urlpatterns = [
    path("", tickets.ticket_list, name="ticket_list"),
    path("tickets/new/", tickets.ticket_create, name="ticket_create"),
    path("tickets/<int:pk>/", tickets.ticket_detail, name="ticket_detail"),
    path("tickets/<int:pk>/print/", tickets.ticket_print, name="ticket_print"),
    path("tickets/<int:pk>/assign/", tickets.ticket_assign, name="ticket_assign"),
    path("tickets/<int:pk>/start/", tickets.ticket_start, name="ticket_start"),
    path("tickets/<int:pk>/feedback/", tickets.ticket_feedback, name="ticket_feedback"),
    path("tickets/<int:pk>/return/", tickets.ticket_return, name="ticket_return"),
    path("tickets/<int:pk>/close/", tickets.ticket_close, name="ticket_close"),
    path("tickets/<int:pk>/archive/", tickets.ticket_archive, name="ticket_archive"),
    path("files/<int:pk>/", tickets.file_download, name="file_download"),
    path("meetings/", reviews.meeting_list, name="meeting_list"),
    path("plans/<int:plan_pk>/meetings/new/", reviews.meeting_create, name="meeting_create"),
    path("meetings/<int:pk>/", reviews.meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>/edit/", reviews.meeting_edit, name="meeting_edit"),
    path("meetings/<int:pk>/items/", reviews.item_add, name="item_add"),
    path("items/<int:pk>/done/", reviews.item_done, name="item_done"),
    path("items/<int:pk>/verify/", reviews.item_verify, name="item_verify"),
    path("participation/", reviews.participation_page, name="participation"),
]
