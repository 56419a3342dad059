from django.urls import path

from frontdoor.api import schema, urls_v1

app_name = "api"
# The operations are defined once, with full paths, in urls_v1 (which the schema generator reads).
urlpatterns = [
    *[path(str(p.pattern).removeprefix("api/v1/"), p.callback, name=p.name) for p in urls_v1.urlpatterns],
    path("schema/", schema.SchemaView.as_view(), name="schema"),
    path("docs/", schema.docs, name="docs"),
]
