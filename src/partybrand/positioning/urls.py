
app_name = "positioning"
urlpatterns: list = []
