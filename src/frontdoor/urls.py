from django.contrib.auth import views as auth_views
from django.urls import include, path

from frontdoor.core import views as core_views

urlpatterns = [
    path("", core_views.home, name="home"),
    path("sign-in/", core_views.SignInView.as_view(), name="login"),
    path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    path("people/", include("frontdoor.people.urls")),
    path("contacts/", include("frontdoor.contacts.urls")),
    path("board/", include("frontdoor.oversight.urls")),
    path("health/", core_views.health, name="health"),
]
