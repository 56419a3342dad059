"""A document attached to a note about several children was filed on the first child only, so a user
who could see that child but not a restricted brother or sister saw it. Name every other child of
the note on the document (documents.DocumentPerson), so it is hidden from them."""

from django.db import migrations


def name_every_child(apps, schema_editor):  # type: ignore[no-untyped-def]
    Document = apps.get_model("documents", "Document")
    DocumentPerson = apps.get_model("documents", "DocumentPerson")
    NoteChild = apps.get_model("casenotes", "NoteChild")
    rows = []
    for document in Document.objects.filter(subject_type="casenotes.casenote").iterator():
        others = NoteChild.objects.filter(note_id=document.subject_id).exclude(person_id=document.person_id)
        rows += [
            DocumentPerson(document=document, person_id=p) for p in others.values_list("person_id", flat=True)
        ]
    DocumentPerson.objects.bulk_create(rows, ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [
        ("casenotes", "0001_initial"),
        ("documents", "0002_document_also_about_other_children"),
    ]

    operations = [migrations.RunPython(name_every_child, migrations.RunPython.noop)]
