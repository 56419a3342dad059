from django.urls import path

from frontdoor.child_protection import conference_views, views

app_name = "child_protection"
urlpatterns = [
    path("episodes/<int:pk>/", views.episode, name="episode"),
    path("episodes/<int:pk>/strategy-discussion/", views.discussion_new, name="discussion_new"),
    path(
        "episodes/<int:pk>/emergency-protection/",
        views.emergency_protection_new,
        name="emergency_protection_new",
    ),
    path(
        "emergency-protection/<int:pk>/end/", views.emergency_protection_end, name="emergency_protection_end"
    ),
    path("strategy-discussions/<int:pk>/", views.discussion, name="discussion"),
    path("strategy-discussions/<int:pk>/sign-off/", views.discussion_sign_off, name="discussion_sign_off"),
    path(
        "strategy-discussions/<int:pk>/actions/new/",
        views.discussion_action_new,
        name="discussion_action_new",
    ),
    path("actions/<int:pk>/done/", views.action_done, name="action_done"),
    path("enquiries/<int:pk>/", views.enquiry_outcome, name="enquiry_outcome"),
    path("enquiries/<int:pk>/sign-off/", views.enquiry_sign_off, name="enquiry_sign_off"),
    path("enquiries/<int:pk>/conference/", conference_views.icpc_new, name="icpc_new"),
    path("conferences/<int:pk>/", views.conference, name="conference"),
    path("conferences/<int:pk>/distribution/", views.distribution_new, name="distribution_new"),
    path("plans/<int:pk>/", views.plan, name="plan"),
    path("plans/<int:pk>/review/", conference_views.review_new, name="review_new"),
    path("plans/<int:pk>/visits/new/", views.plan_visit_new, name="plan_visit_new"),
    path("plans/<int:pk>/core-groups/new/", views.core_group_new, name="core_group_new"),
    path("core-groups/<int:pk>/actions/new/", views.core_group_action_new, name="core_group_action_new"),
    path("plans/<int:pk>/end/", views.plan_end, name="plan_end"),
    path("distribution-outstanding/", views.outstanding, name="outstanding"),
]
