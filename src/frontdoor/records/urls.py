"""The child's record: the child's page, who has looked at it, subject access, restrictions and
break-glass. The paths are those the pages always had (/people/<id>/, /audit/..., /access/...)."""

from django.urls import path

from frontdoor.records.views import access, audit_trail, child, episode, papers, warnings

app_name = "records"
urlpatterns = [
    path("people/<int:pk>/", child.detail, name="child"),
    path("people/<int:pk>/warnings/", warnings.warnings, name="warnings"),
    path("warnings/<int:pk>/end/", warnings.warning_end, name="warning_end"),
    path("referrals/<int:pk>/", episode.detail, name="episode"),
    path("referrals/<int:pk>/papers/", papers.papers, name="papers"),
    path("audit/people/<int:pk>/access/", audit_trail.person_access, name="person_access"),
    path("access/restrictions/", access.restrictions, name="restrictions"),
    path("access/restrictions/<int:pk>/review/", access.restriction_review, name="restriction_review"),
    path("access/people/<int:pk>/restrict/", access.restrict, name="restrict"),
    path("access/people/<int:pk>/break-glass/", access.break_glass, name="break_glass"),
    path("access/people/<int:pk>/health/", access.health_mark, name="health_mark"),
    path("access/people/<int:pk>/subject-access/", access.subject_access, name="subject_access"),
]
