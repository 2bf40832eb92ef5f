"""A document in a private collection is served only through Wagtail's serve view, which checks
the collection's restriction; its file is never served from /media/."""

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from wagtail.models import Collection, CollectionViewRestriction

pytestmark = pytest.mark.django_db


@pytest.fixture
def private_document():
    from wagtail.documents.models import Document

    collection = Collection.get_first_root_node().add_child(name="Board papers")
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    document = Document(title="Budget draft", collection=collection)
    document.file.save("budget-draft.txt", ContentFile(b"not for the public"), save=True)
    return document


def test_the_file_is_not_served_from_media(client, private_document):
    response = client.get(f"/media/{private_document.file.name}")
    assert response.status_code == 404


def test_the_serve_view_asks_a_visitor_to_sign_in(client, private_document):
    response = client.get(private_document.url)
    assert response.status_code == 302
    assert b"not for the public" not in b"".join(getattr(response, "streaming_content", [b""]))


def test_a_signed_in_person_gets_it_through_the_serve_view(client, private_document):
    client.force_login(get_user_model().objects.create_user("reader", "r@example.cn", "x"))
    response = client.get(private_document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"not for the public"


def test_public_images_are_still_served_from_media(client, tmp_path, settings):
    (settings.MEDIA_ROOT / "original_images").mkdir(parents=True, exist_ok=True)
    (settings.MEDIA_ROOT / "original_images" / "probe.txt").write_bytes(b"public")
    assert client.get("/media/original_images/probe.txt").status_code == 200
