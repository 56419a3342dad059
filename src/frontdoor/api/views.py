"""The REST API, version 1: thin views over the apps' selectors and services.

Every view authenticates by token (or the browser session), validates its input with its own
serializer, reads through a selector (which checks the permission table, scopes to the actor's
authority and logs access) or writes through a service, and answers with its own output serializer.
Errors come back in one shape (api.errors).
"""

import re
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.authentication import SessionAuthentication
from rest_framework.permissions import IsAuthenticated
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from frontdoor.api import selectors
from frontdoor.api import serializers as s
from frontdoor.api.authentication import ApiTokenAuthentication
from frontdoor.api.errors import ErrorSerializer, api_exception_handler
from frontdoor.api.parsers import SafeJSONParser
from frontdoor.api.services import contact_record_once, request_fingerprint
from frontdoor.contacts import selectors as contact_selectors
from frontdoor.contacts.services import contact_child_decide, contact_record
from frontdoor.organisations.models import NeedLevel
from frontdoor.organisations.permissions import require
from frontdoor.people import selectors as people_selectors
from frontdoor.people.forms import PersonSearchForm
from frontdoor.people.rules import SearchQuery
from frontdoor.performance import rules as performance_rules
from frontdoor.performance import selectors as performance_selectors
from frontdoor.performance.metrics import FIGURES
from frontdoor.referrals import selectors as referral_selectors

IDEMPOTENCY_KEY = re.compile(r"^[A-Za-z0-9._:-]{1,100}$")
ERRORS = {
    400: ErrorSerializer,
    401: ErrorSerializer,
    403: ErrorSerializer,
    404: ErrorSerializer,
    429: ErrorSerializer,
}
# A request body can be too large (413) wherever one is read.
BODY_ERRORS = {**ERRORS, 413: ErrorSerializer}
READ_ERRORS = {401: ErrorSerializer, 403: ErrorSerializer, 404: ErrorSerializer, 429: ErrorSerializer}


class ApiView(APIView):
    authentication_classes = [ApiTokenAuthentication, SessionAuthentication]
    permission_classes = [IsAuthenticated]
    parser_classes = [SafeJSONParser]
    renderer_classes = [JSONRenderer]

    def get_exception_handler(self) -> Any:
        return api_exception_handler

    def query(self, request: Request, serializer: type[s.serializers.Serializer]) -> dict[str, Any]:
        # A plain dict, not the QueryDict: DRF reads a blank parameter in form-like input as absent,
        # and "date_to=" is a mistake to report, not a filter to drop.
        data = serializer(data=request.query_params.dict())
        data.is_valid(raise_exception=True)
        return dict(data.validated_data)

    def body(self, request: Request, serializer: type[s.serializers.Serializer]) -> dict[str, Any]:
        data = serializer(data=request.data)
        data.is_valid(raise_exception=True)
        return dict(data.validated_data)


def _window(data: dict[str, Any]) -> selectors.Window:
    return selectors.Window(data.get("date_from"), data.get("date_to"))


def _paged(page: selectors.PageOf, output: type[s.serializers.Serializer]) -> Response:
    return Response(
        output({"count": page.count, "page": page.number, "pages": page.pages, "results": page.rows}).data
    )


class PersonSearchView(ApiView):
    @extend_schema(
        operation_id="people_search",
        summary="Is this child already known? People who may match, best first",
        parameters=[s.PersonSearchInput],
        responses={200: s.PersonSearchOutput, **ERRORS},
    )
    def get(self, request: Request) -> Response:
        data = self.query(request, s.PersonSearchInput)
        born = data.pop("date_of_birth", None)
        typed = {k: v for k, v in data.items() if v}
        if born:
            typed |= {
                "date_of_birth_day": born.day,
                "date_of_birth_month": born.month,
                "date_of_birth_year": born.year,
            }
        form = PersonSearchForm(typed)
        if not form.is_valid():
            raise ValidationError({k: list(v) for k, v in form.errors.items()})
        found = people_selectors.person_search_counted(
            actor=request.user,
            query=SearchQuery(**form.cleaned_data),
            limit=20,  # type: ignore[arg-type]
        )
        return Response(s.PersonSearchOutput({"results": found.matches, "count": found.total}).data)


class PersonDetailView(ApiView):
    @extend_schema(operation_id="people_read", responses={200: s.PersonOutput, **READ_ERRORS})
    def get(self, request: Request, pk: int) -> Response:
        person = people_selectors.person_get_for(actor=request.user, person_id=pk, purpose="api.person")
        return Response(s.PersonOutput(person).data)


class ContactListView(ApiView):
    @extend_schema(
        operation_id="contacts_list",
        summary="Contacts received, newest first, a page at a time",
        parameters=[s.ContactListInput],
        responses={200: s.ContactPageOutput, **ERRORS},
    )
    def get(self, request: Request) -> Response:
        data = self.query(request, s.ContactListInput)
        page = selectors.contact_page_for(
            actor=request.user,
            window=_window(data),
            stage=data.get("stage"),
            number=data["page"],
            size=data["page_size"],
        )
        return _paged(page, s.ContactPageOutput)

    @extend_schema(
        operation_id="contacts_create",
        summary="Record a contact (retry safely with an Idempotency-Key)",
        request=s.ContactInput,
        parameters=[
            OpenApiParameter(
                "Idempotency-Key",
                str,
                OpenApiParameter.HEADER,
                required=False,
                pattern=IDEMPOTENCY_KEY.pattern,
                description="A key of your choosing, unique per contact: a retry with the same key "
                "returns the contact the first request created (200) instead of a second one (201).",
            )
        ],
        responses={201: s.ContactOutput, 200: s.ContactOutput, 422: ErrorSerializer, **BODY_ERRORS},
    )
    def post(self, request: Request) -> Response:
        require(request.user, "contact.record")
        key = request.headers.get("Idempotency-Key")
        if key is not None and not IDEMPOTENCY_KEY.match(key):
            raise ValidationError(
                {"idempotency_key": "Use 1 to 100 letters, digits and . _ : -"}, code="bad_key"
            )
        data = self.body(request, s.ContactInput)
        fields = {**data, "children": self._children(request, data["children"])}
        if key is None:
            contact, created = contact_record(actor=request.user, **fields), True
        else:
            fingerprint = request_fingerprint(data)
            contact, created = contact_record_once(
                actor=request.user, key=key, fingerprint=fingerprint, **fields
            )
        contact = contact_selectors.contact_get_for(
            actor=request.user, contact_id=contact.pk, purpose="api.contact"
        )
        code = status.HTTP_201_CREATED if created else status.HTTP_200_OK
        return Response(s.ContactOutput(contact).data, status=code)

    @staticmethod
    def _children(request: Request, ids: list[int]) -> list[Any]:
        people = []
        for pk in dict.fromkeys(ids):
            try:
                people.append(
                    people_selectors.person_get_for(
                        actor=request.user, person_id=pk, purpose="api.contact_create"
                    )
                )
            except Http404:
                raise ValidationError({"children": f"No person was found with id {pk}"}) from None
        return people


class ContactDetailView(ApiView):
    @extend_schema(operation_id="contacts_read", responses={200: s.ContactOutput, **READ_ERRORS})
    def get(self, request: Request, pk: int) -> Response:
        contact = contact_selectors.contact_get_for(actor=request.user, contact_id=pk, purpose="api.contact")
        return Response(s.ContactOutput(contact).data)


class DecisionCreateView(ApiView):
    @extend_schema(
        operation_id="decisions_create",
        summary="The manager's decision for one child on a contact",
        request=s.DecisionInput,
        responses={201: s.DecisionOutput, 409: ErrorSerializer, **BODY_ERRORS},
    )
    def post(self, request: Request, pk: int) -> Response:
        require(request.user, "contact.decide")
        data = self.body(request, s.DecisionInput)
        journey = contact_selectors.journey_get_for(actor=request.user, journey_id=pk, purpose="api.decide")
        level = NeedLevel.objects.filter(
            authority_id=request.user.authority_id, level=data["need_level"]
        ).first()
        if level is None:
            raise ValidationError({"need_level": "Choose a level on your authority's scale"})
        decision = contact_child_decide(
            actor=request.user,
            journey=journey,
            version=data["version"],
            outcome=data["outcome"],
            need_level=level,
            rationale=data["rationale"],
            override_reason=data["override_reason"],
        )
        return Response(s.DecisionOutput(decision).data, status=status.HTTP_201_CREATED)


class DecisionListView(ApiView):
    @extend_schema(
        operation_id="decisions_list",
        parameters=[s.DecisionListInput],
        responses={200: s.DecisionPageOutput, **ERRORS},
    )
    def get(self, request: Request) -> Response:
        data = self.query(request, s.DecisionListInput)
        page = selectors.decision_page_for(
            actor=request.user,
            window=_window(data),
            outcome=data.get("outcome"),
            number=data["page"],
            size=data["page_size"],
        )
        return _paged(page, s.DecisionPageOutput)


class ReferralListView(ApiView):
    @extend_schema(
        operation_id="referrals_list",
        parameters=[s.ReferralListInput],
        responses={200: s.ReferralPageOutput, **ERRORS},
    )
    def get(self, request: Request) -> Response:
        data = self.query(request, s.ReferralListInput)
        page = selectors.referral_page_for(
            actor=request.user,
            window=_window(data),
            status=data.get("status"),
            number=data["page"],
            size=data["page_size"],
        )
        return _paged(page, s.ReferralPageOutput)


class ReferralDetailView(ApiView):
    @extend_schema(operation_id="referrals_read", responses={200: s.ReferralOutput, **READ_ERRORS})
    def get(self, request: Request, pk: int) -> Response:
        referral = referral_selectors.referral_get_for(
            actor=request.user, referral_id=pk, purpose="api.referral"
        )
        return Response(s.ReferralOutput(referral).data)


class BoardView(ApiView):
    @extend_schema(operation_id="oversight_board", responses={200: s.BoardOutput, **READ_ERRORS})
    def get(self, request: Request) -> Response:
        counts = selectors.board_counts_for(actor=request.user, now=timezone.now())
        return Response(s.BoardOutput(counts).data)


def _number(value: Any) -> float | None:
    if value is None:
        return None
    return float(value) if isinstance(value, Decimal | int | float) else None


class PerformanceView(ApiView):
    @extend_schema(
        operation_id="oversight_performance",
        summary="The performance dashboard's figures for a period (default: the dashboard's)",
        parameters=[s.PerformanceInput],
        responses={200: s.PerformanceOutput, **ERRORS},
    )
    def get(self, request: Request) -> Response:
        data = self.query(request, s.PerformanceInput)
        period, problems = performance_rules.parse_period(
            data["date_from"].isoformat() if data.get("date_from") else "",
            data["date_to"].isoformat() if data.get("date_to") else "",
            today=timezone.localdate(),
        )
        if problems:
            raise ValidationError({{"from": "date_from", "to": "date_to"}[k]: v for k, v in problems.items()})
        scope = performance_selectors.scope_for(
            actor=request.user, period=period, team=None, now=timezone.now()
        )
        figures = [
            {
                "slug": figure.slug,
                "title": figure.title,
                "values": {
                    key: _number(value)
                    for key, value in performance_selectors.figure_data(
                        figure=figure, scope=scope, breakdown=None
                    ).total.values.items()
                },
            }
            for figure in FIGURES.values()
        ]
        return Response(
            s.PerformanceOutput({"date_from": period.first, "date_to": period.last, "figures": figures}).data
        )
