from django.urls import path

from frontdoor.performance import demand_views, views

app_name = "performance"
urlpatterns = [
    path("", views.overview, name="overview"),
    # Before the figures' own pages, so that no figure's slug can take it.
    path("what-is-coming/", demand_views.what_is_coming, name="demand"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/children/", views.drilldown, name="drilldown"),
]
