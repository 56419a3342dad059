from django.urls import path, register_converter

from frontdoor.plans import content_views, views


class PlanKindConverter:
    """cin or cp (plans.models.PlanKind): any other word is not a URL here."""

    regex = "cin|cp"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(PlanKindConverter, "plankind")

app_name = "plans"
urlpatterns = [
    path("start/<int:pk>/", views.start, name="start"),  # pk: the referral (episode)
    path("<int:pk>/send/", views.send, name="send"),
    path("<int:pk>/review/", views.review, name="review"),
    path("<int:pk>/end/", views.end, name="end"),
    # A plan's content, either kind; pk: the plan.
    path("<plankind:kind>/<int:pk>/", content_views.page, name="content"),
    path("<plankind:kind>/<int:pk>/edit/", content_views.edit, name="content_edit"),
    path("<plankind:kind>/<int:pk>/outcomes/new/", content_views.outcome_new, name="outcome_new"),
    path("<plankind:kind>/<int:pk>/actions/new/", content_views.action_new, name="action_new"),
    path("<plankind:kind>/<int:pk>/progress/new/", content_views.progress_new, name="progress_new"),
    path("<plankind:kind>/<int:pk>/family/", content_views.family_version, name="family"),
    path("<plankind:kind>/<int:pk>/family.pdf", content_views.family_pdf, name="family_pdf"),
]
