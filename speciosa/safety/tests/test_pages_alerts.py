"""Alerts in the pages: on Today (most severe first, what to do now), the detail page that explains an alert, the
acknowledge form, the alerts list and the timeline; and who may see them."""

import datetime as dt
import re

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from speciosa.core.safety.registry import get_rule
from speciosa.diary.domain import create_product, delete_lab, record_dose
from speciosa.safety.enums import AlertStatus
from speciosa.safety.models import StoredAlert
from speciosa.safety.tests.liver_state import leaks, open_liver_injury, the_alt_of
from speciosa.testing import Cast, committed, make_patient

pytestmark = pytest.mark.django_db

NOON_IN_NEW_YORK = dt.datetime(2026, 11, 20, 17, 0, tzinfo=dt.UTC)
EMPTY = "No alerts right now. That does not rule out harm"


@pytest.fixture(autouse=True)
def frozen_time():
    with time_machine.travel(NOON_IN_NEW_YORK, tick=False):
        yield


@pytest.fixture
def liver_alert(cast: Cast) -> StoredAlert:
    return open_liver_injury(cast.alice.user)


def detail_url(alert: StoredAlert) -> str:
    return reverse("safety:alert_detail", args=[alert.pk])


def test_today_shows_the_urgent_alert_with_what_to_do_now_one_button_and_a_link_to_why(cast, liver_alert):
    response = cast.alice.client.get(reverse("diary:today"))
    assertContains(response, f"""
      <li class="alert alert-urgent" data-testid="alert-card-liver">
        <p class="alert-head"><span class="badge badge-urgent">Urgent</span>
          <strong>Your liver test shows liver damage</strong></p>
        <p>{liver_alert.message}</p>
        <p class="alert-action"><strong>What to do now:</strong> {liver_alert.action}</p>
        <details class="for-clinician">
          <summary>For your clinician<span class="visually-hidden">: Your liver test shows liver damage</span></summary>
          <p><strong>Liver tests meet the criteria for drug-induced liver injury.</strong>
            {liver_alert.clinical_message.replace(">", "&gt;")}</p>
        </details>
        <p class="card-actions"><a class="button primary" href="{reverse('clinic:sharing')}">Contact your clinician</a>
          <a href="{detail_url(liver_alert)}">Why am I seeing this?<span class="visually-hidden">
          Your liver test shows liver damage</span></a></p>
      </li>""", html=True)
    assertNotContains(response, EMPTY)


def test_today_lists_alerts_under_the_quick_log_most_severe_first(cast, liver_alert):
    alice = cast.alice.user
    with committed():
        record_dose(alice, product=create_product(alice, by=alice, name="Unlabelled green", form="powder"),
                    amount=2, unit="g", by=alice)
    page = cast.alice.client.get(reverse("diary:today")).content.decode()
    shown = re.findall(r'data-testid="alert-card-([A-Za-z_0-9]+)"', page)  # a card is named by its problem
    assert shown == ["INTERACTION_CNS_DEPRESSANT", "liver", "PRODUCT_NOT_LAB_TESTED"]
    assert page.index('id="quick-log-heading"') < page.index('id="alerts-heading"')  # the daily task first
    assert "<strong>What to do:</strong>" in page  # the info alert, not urgent, is not told to act now


def test_without_alerts_today_stays_quiet_and_the_alerts_page_says_this_does_not_rule_out_harm(db):
    dora = make_patient("dora")
    client = Client()
    client.force_login(dora)
    assert 'id="alerts-heading"' not in client.get(reverse("diary:today")).content.decode()
    assertContains(client.get(reverse("safety:alerts")), EMPTY)


def test_the_detail_page_explains_the_alert(cast, liver_alert):
    response = cast.alice.client.get(detail_url(liver_alert))
    rule = get_rule("LIVER_INJURY")
    assertContains(response, "<h1>Your liver test shows liver damage</h1>", html=True)
    assertContains(response, '<h2 id="action-heading">What to do now</h2>', html=True)
    assertContains(response, '<a href="/safety/rules/all/#rule-LIVER_INJURY">Liver tests meet the criteria for '
                             'drug-induced liver injury</a>', html=True)
    for row in ('<li><span class="input-label">Pattern</span>: hepatocellular</li>',
                '<li><span class="input-label">R ratio</span>: 30.04</li>',
                '<li><span class="input-label">Criteria</span>: ALT &gt;= 5x ULN</li>',
                '<li><span class="input-label">× ULN</span><ul class="inputs">'
                '<li><span class="input-label">ALP</span>: 0.8</li>'
                '<li><span class="input-label">ALT</span>: 24.09</li></ul></li>',
                '<li><span class="input-label">Collected at</span>: 2026-11-20 11:50</li>'):
        assertContains(response, row, html=True)
    for source in rule.sources:
        assertContains(response, f'<a href="{source.url}">', count=1)
    assertContains(response, "<strong>How sure we are:</strong> Strong: a medical guideline or a health agency sets "
                             "this.", html=True)
    assertContains(response, '<a href="/safety/evidence/liver-at-higher-doses/"><q>Kratom is safe for the liver, '
                             'even at higher doses.</q></a>', html=True)
    assertContains(response, '<span class="badge verdict-contradicted">Contradicted by the evidence</span>', html=True)
    assertContains(response, "<div><dt>First seen</dt><dd>20 Nov 2026, 12:00</dd></div>", html=True)
    assertContains(response, "<div><dt>Status</dt><dd>Open</dd></div>", html=True)
    assertContains(response, '<label for="id_note">Note <span class="optional">(optional)</span></label>', html=True)
    assertContains(response, '<label for="id_text">Your comment</label>', html=True)
    assertContains(response, "Nobody has written about this alert yet.")


def test_alice_acknowledges_on_the_page_with_a_note_and_csrf(cast, liver_alert):
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.alice.user)
    url = detail_url(liver_alert)
    assert client.post(url, {"note": "forged"}).status_code == 403
    client.get(url)
    response = client.post(url, {"note": "Seeing Dr Lee this afternoon",
                                 "csrfmiddlewaretoken": client.cookies["csrftoken"].value})
    assert (response.status_code, response["Location"]) == (302, url)
    stored = StoredAlert.objects.get(pk=liver_alert.pk)
    assert (stored.status, stored.acknowledged_by) == (AlertStatus.ACKNOWLEDGED, cast.alice.user)
    assert list(stored.entries.values_list("kind", "role", "author__username", "text")) == [
        ("acknowledged", "patient", "alice", "Seeing Dr Lee this afternoon")]
    page = client.get(url)
    assertContains(page, "Alert acknowledged.")
    assertContains(page, "<div><dt>First acknowledged</dt><dd>20 Nov 2026, 12:00 by you</dd></div>", html=True)
    assertContains(page, '<p class="note-text">Seeing Dr Lee this afternoon</p>', html=True)
    assertNotContains(page, "Change your note")
    assertNotContains(page, 'value="acknowledge"')  # acknowledged once; what is left is to comment
    assertContains(page, '<h2 id="comment-heading">Add a comment</h2>', html=True)


@pytest.mark.parametrize(("note", "error"), [
    ("called\x00the clinic", "Null characters are not allowed."),
    ("x" * 4001, "Note is 4001 characters long; at most 4000 are allowed"),
])
def test_a_bad_note_is_shown_beside_the_field_and_nothing_changes(cast, liver_alert, note, error):
    response = cast.alice.client.post(detail_url(liver_alert), {"action": "acknowledge", "note": note})
    assertContains(response, f'<ul class="errors" id="id_note_error"><li>{error}</li></ul>', html=True)
    assert StoredAlert.objects.get(pk=liver_alert.pk).status == AlertStatus.OPEN
    assert not liver_alert.entries.exists()


def test_a_resolved_alert_moves_to_past_alerts_and_has_no_acknowledge_form(cast, liver_alert):
    alice = cast.alice.user
    with committed():
        delete_lab(the_alt_of(alice), by=alice)
    listing = cast.alice.client.get(reverse("safety:alerts"))
    assertContains(listing, f'<td><a href="{detail_url(liver_alert)}">Your liver test shows liver damage</a></td>',
                   html=True)
    assertNotContains(listing, 'data-testid="alert-LIVER_INJURY"')
    assertContains(listing, 'data-testid="alert-INTERACTION_CNS_DEPRESSANT"')
    detail = cast.alice.client.get(detail_url(liver_alert))
    assertContains(detail, "<div><dt>Status</dt><dd>Resolved</dd></div>", html=True)
    assertNotContains(detail, 'name="note"')


def test_the_timeline_marks_an_alert_on_the_day_it_was_first_seen(cast, liver_alert):
    page = cast.alice.client.get(reverse("diary:timeline")).content.decode()
    friday = page[page.index('id="day-2026-11-20"'):]
    assert f'Alert first seen at 12:00: <a href="{detail_url(liver_alert)}">' in " ".join(friday.split())


def test_the_timeline_shows_a_day_with_an_alert_even_when_nothing_was_recorded_that_day(cast):
    alice = cast.alice.user
    with time_machine.travel(NOON_IN_NEW_YORK + dt.timedelta(days=2), tick=False):
        # Friday's blood test, entered on Sunday: the alert is first seen on Sunday, a day with no entries.
        alert = open_liver_injury(alice, drawn=NOON_IN_NEW_YORK - dt.timedelta(minutes=10))
        client = Client()
        client.force_login(alice)  # a session lasts 12 hours
        page = client.get(reverse("diary:timeline")).content.decode()
    assert re.findall(r'<h2 id="day-([0-9-]+)"', page) == ["2026-11-22", "2026-11-20"]
    assert f'<a href="{detail_url(alert)}">' in page


def test_charlie_gets_not_found_for_alices_alert_and_cannot_acknowledge_it(cast, liver_alert):
    url = detail_url(liver_alert)
    responses = [cast.charlie.client.get(url), cast.charlie.client.post(url, {"note": "not mine"})]
    assert [r.status_code for r in responses] == [404, 404]
    assert [leaks(r.content.decode()) for r in responses] == [[], []]
    for name in ("diary:today", "safety:alerts", "diary:timeline"):
        page = cast.charlie.client.get(reverse(name)).content.decode()
        assert (leaks(page), "LIVER_INJURY" in page, url in page) == ([], False, False)
    assert StoredAlert.objects.get(pk=liver_alert.pk).status == AlertStatus.OPEN


def test_the_markers_would_show_a_leak_on_alices_own_detail_page(cast, liver_alert):
    assert leaks(cast.alice.client.get(detail_url(liver_alert)).content.decode()) != []


def test_a_clinician_is_refused_and_a_stranger_is_sent_to_sign_in(cast, liver_alert):
    for url in (reverse("safety:alerts"), detail_url(liver_alert)):
        bob = cast.bob.client.get(url)
        bob_post = cast.bob.client.post(url, {"note": "x"})
        anonymous = Client().get(url)
        assert (bob.status_code, bob_post.status_code, anonymous.status_code) == (403, 403, 302)
        assert anonymous["Location"] == f"/accounts/login/?next={url}"
        assert leaks(bob.content.decode()) == []
    assert StoredAlert.objects.get(pk=liver_alert.pk).status == AlertStatus.OPEN
