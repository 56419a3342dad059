from django.urls import path

from frontdoor.missing import views

app_name = "missing"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("figures/children/", views.figure_children, name="figure_children"),
    path("find-child/", views.find_child, name="find_child"),
    path("child/<int:pk>/new/", views.new, name="new"),
    path("import/", views.import_file, name="import"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/return/", views.record_return, name="return"),
    path("<int:pk>/oversight/", views.oversee, name="oversee"),
    path("<int:pk>/interview/offer/", views.offer, name="offer"),
    path("<int:pk>/interview/", views.complete, name="complete"),
    path("<int:pk>/interview/not-offered/", views.not_offered, name="not_offered"),
    path("flags/<int:pk>/acknowledge/", views.acknowledge, name="acknowledge"),
]
