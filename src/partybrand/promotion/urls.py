from django.urls import path

from partybrand.promotion.views import carriers, launch, publicity

app_name = "promotion"
urlpatterns = [
    path("", carriers.carrier_list, name="carrier_list"),
    path("brands/<int:brand_pk>/new/", carriers.carrier_create, name="carrier_create"),
    path("carriers/<int:pk>/", carriers.carrier_detail, name="carrier_detail"),
    path("carriers/<int:pk>/edit/", carriers.carrier_edit, name="carrier_edit"),
    path("carriers/<int:pk>/activities/new/", carriers.activity_create, name="activity_create"),
    path("carriers/<int:pk>/recognise/", carriers.recognition_create, name="recognition_create"),
    path("photos/<int:pk>/", carriers.photo_view, name="photo_view"),
    path("launches/", launch.launch_list, name="launch_list"),
    path("launches/brands/<int:brand_pk>/new/", launch.launch_create, name="launch_create"),
    path("launches/<int:pk>/", launch.launch_detail, name="launch_detail"),
    path("launches/<int:pk>/edit/", launch.launch_edit, name="launch_edit"),
    path("launches/<int:pk>/hold/", launch.launch_hold, name="launch_hold"),
    path("launches/<int:pk>/record/", launch.launch_record, name="launch_record"),
    path("launches/photos/<int:pk>/", launch.launch_photo, name="launch_photo"),
    path("publicity/", publicity.publicity_list, name="publicity_list"),
    path("publicity/export/", publicity.publicity_export, name="publicity_export"),
    path(
        "publicity/brands/<int:brand_pk>/new/", publicity.publicity_create, name="publicity_create"
    ),
    path("publicity/<int:pk>/", publicity.publicity_detail, name="publicity_detail"),
    path("publicity/<int:pk>/adopt/", publicity.publicity_adopt, name="publicity_adopt"),
    path("publicity/<int:pk>/proof/", publicity.publicity_proof, name="publicity_proof"),
]
