"""The "How Speciosa checks safety" page (generated from the registry), the evidence library pages, and the words
every safety page uses."""

import datetime as dt
import re
from html import unescape
from pathlib import Path

import pytest
import time_machine
from django.conf import settings
from django.test import Client
from django.urls import reverse
from pytest_django.asserts import assertContains

from speciosa.core.evidence_library import all_entries, forbidden_phrases
from speciosa.core.safety.registry import all_rules
from speciosa.safety.tests.liver_state import open_liver_injury

pytestmark = pytest.mark.django_db

SAFETY_TEMPLATES = Path(settings.BASE_DIR) / "templates" / "safety"


def test_the_safety_page_lists_every_registered_rule_with_its_sources(cast):
    response = cast.bob.client.get(reverse("safety:rules"))  # any signed-in user, not only patients
    page = response.content.decode()
    assert re.findall(r'<article class="rule" id="rule-([A-Z0-9_]+)"', page) == [rule.code for rule in all_rules()]
    assertContains(response, f"against the {len(all_rules())} rules below")
    for rule in all_rules():
        for source in rule.sources:
            assert f'<a href="{source.url}">' in page, (rule.code, source.url)


def test_a_rule_on_the_safety_page_reads_in_words(cast):
    response = cast.alice.client.get(reverse("safety:rule_document"))
    assertContains(response, '<div><dt>Severity</dt><dd>Info or warning</dd></div>', html=True)
    assertContains(response, "<div><dt>Evidence</dt><dd>Laboratory (in-vitro) studies, not yet confirmed in people"
                             "</dd></div>", html=True)
    assertContains(response, '<a href="#rule-LIVER_INJURY">Liver tests meet the criteria for drug-induced liver '
                             'injury</a>', html=True)


def test_a_patients_safety_checks_say_in_plain_words_what_speciosa_watches_by_topic(cast):
    page = unescape(cast.alice.client.get(reverse("safety:rules")).content.decode())
    topics = re.findall(r'<h2 id="topic-([a-z]+)">([^<]+)</h2>', page)
    assert [heading for _key, heading in topics] == [
        "Your liver", "Mixing with medicines", "How much and how fast", "Withdrawal and dependence", "Mood",
        "What is in your products", "The law where you live", "Pregnancy and health problems", "Whether it helps"]
    for rule in all_rules():  # every check once, in plain words, with no rule code or clinical title
        assert page.count(f"<strong>{rule.plain_title}.</strong> {rule.plain_summary}") == 1, rule.code
        assert rule.code not in page and rule.title not in page
    assert "How sure we are: Weak: lab tests show it, but it is not yet seen in people." in page
    assert '<a href="/safety/rules/all/">' in page  # the full rules stay one tap away


def test_a_clinician_reads_the_rule_document_at_the_same_address(cast):
    assert '<article class="rule" id="rule-LIVER_INJURY"' in cast.bob.client.get(reverse("safety:rules")).content.decode()


def test_the_safety_page_is_for_signed_in_users(db):
    response = Client().get(reverse("safety:rules"))
    assert (response.status_code, response["Location"]) == (302, "/accounts/login/?next=/safety/rules/")


def test_the_evidence_library_lists_every_claim_with_verdict_and_certainty_in_words(db):
    page = Client().get(reverse("safety:evidence")).content.decode()
    listed = re.findall(r'<a href="/safety/evidence/([a-z0-9-]+)/"><q>', page)
    assert listed == [entry.id for entry in all_entries()]
    assert '<span class="badge verdict-contradicted">Contradicted by the evidence</span>' in page
    assert '<span class="badge grade">Very low certainty</span>' in page


def test_an_evidence_entry_shows_its_summary_sources_and_the_checks_that_rest_on_it(cast):
    entry = next(e for e in all_entries() if e.id == "interacts-with-cns-medicines")
    response = cast.alice.client.get(reverse("safety:evidence_detail", args=[entry.id]))
    assertContains(response, f'<p data-testid="plain">{entry.plain}</p>', html=True)
    assertContains(response, f"<p>{entry.summary}</p>", html=True)  # the clinician's layer, behind it
    for source in entry.sources:
        assertContains(response, f'<a href="{source.url}">{source.citation}</a>', html=True)
    assertContains(response, '<a href="/safety/rules/all/#rule-INTERACTION_CYP3A">', count=1)
    assertContains(response, '<span class="badge verdict-supported">Supported by the evidence</span>', html=True)


def test_an_unknown_entry_is_not_found(db):
    assert Client().get("/safety/evidence/no-such-claim/").status_code == 404


def test_the_safety_templates_never_present_kratom_as_free_of_risk():
    found = {path.name: forbidden_phrases(path.read_text()) for path in SAFETY_TEMPLATES.glob("*.html")}
    assert {name: phrases for name, phrases in found.items() if phrases} == {}
    assert len(found) >= 8


def visible_text(html: str) -> str:
    """The page's words, with the claims it quotes (<q>) taken out: a claim is reported, not made."""
    body = html[html.index("<main"):html.index("</main>")]
    body = re.sub(r"<q>.*?</q>", " ", body, flags=re.DOTALL)
    return unescape(re.sub(r"<[^>]+>", " ", body))


# The rendered pages also carry the engine's own texts, which may say "above safe levels" of lead in a product; these
# are the phrases that would tell a reader kratom itself is safe (the templates above get the stricter check).
CLAIMS_OF_SAFETY = re.compile(r"kratom is (?:safe|harmless|not addictive)|safe for (?:the|your) liver|liver[- ]safe|"
                              r"addiction[- ]free|no addiction risk|not addictive|harmless|free (?:of|from) risk|"
                              r"risk[- ]free|without (?:any )?risk", re.IGNORECASE)


def test_no_safety_page_says_kratom_is_safe(cast):
    alice = cast.alice.user
    with time_machine.travel(dt.datetime(2026, 11, 20, 17, 0, tzinfo=dt.UTC), tick=False):
        alert = open_liver_injury(alice)
        client = Client()
        client.force_login(alice)
        urls = [reverse("diary:today"), reverse("diary:timeline"), reverse("safety:alerts"),
                reverse("safety:alert_detail", args=[alert.pk]), reverse("safety:rules"), reverse("safety:evidence"),
                *(reverse("safety:evidence_detail", args=[entry.id]) for entry in all_entries())]
        texts = {url: " ".join(visible_text(client.get(url).content.decode()).split()) for url in urls}
    assert {url: CLAIMS_OF_SAFETY.findall(text) for url, text in texts.items() if CLAIMS_OF_SAFETY.search(text)} == {}
    assert "Your liver test shows liver damage" in texts[urls[0]]  # the pages were really read, alert and all
