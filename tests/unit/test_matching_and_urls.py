import pytest

from app.api.urls import InvalidAccount, account_label, base_url
from app.core.matching import MatchError, find

NAMES = ["API Docs", "API Gateway", "Website Relaunch", "Old Website", "Intranet"]


def pick(query):
    return find(query, NAMES, name=str, label=str, kind="project")


@pytest.mark.parametrize("query, expected", [
    ("api docs", "API Docs"), ("API d", "API Docs"), ("intra", "Intranet"), ("relaunch", "Website Relaunch"),
    ("old", "Old Website"),
])
def test_unique_matches(query, expected):
    assert pick(query) == expected


def test_exact_name_beats_longer_prefix_matches():
    assert find("API", ["API", "API Docs"], str, str, "project") == "API"


def test_ambiguous_lists_candidates():
    with pytest.raises(MatchError) as info:
        pick("api")
    assert info.value.candidates == ["API Docs", "API Gateway"]


def test_unknown_says_so():
    with pytest.raises(MatchError, match="No project is called “zzz”"):
        pick("zzz")


@pytest.mark.parametrize("text, url", [
    ("acme", "https://acme.mite.de"), ("ACME.mite.de", "https://acme.mite.de"),
    ("https://acme.mite.de/", "https://acme.mite.de"), ("acme.mite.yo.lk", "https://acme.mite.de"),
    ("https://acme.mite.yo.lk", "https://acme.mite.yo.lk"), ("http://127.0.0.1:8080", "http://127.0.0.1:8080"),
    ("http://localhost:9", "http://localhost:9"), ("http://[::1]:9", "http://[::1]:9"),
])
def test_base_urls(text, url):
    assert base_url(text) == url


@pytest.mark.parametrize("text", [
    "", "http://acme.mite.de", "https://evil.example.com", "https://mite.de.evil.com", "acme corp",
    "https://user:pw@acme.mite.de", "https://acme.mite.de/api", "ftp://127.0.0.1",
])
def test_unsafe_or_wrong_urls_are_refused(text):
    with pytest.raises(InvalidAccount):
        base_url(text)


def test_account_label():
    assert account_label("https://acme.mite.de") == "acme"
    assert account_label("http://127.0.0.1:8080") == "127.0.0.1:8080"
