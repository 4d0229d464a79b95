"""A patient's navigation: five tabs (a bottom bar on phones), everything else on the More page; the developers'
rule document is not in the patient's menu but stays for clinicians."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def tabs(page: str) -> list[tuple[str, str]]:
    nav = page[page.find('<ul class="tabs">'):page.find("</ul>", page.find('<ul class="tabs">'))]
    return re.findall(r'<a href="([^"]+)" class="tab[^"]*"[^>]*>([^<]+)</a>', nav)


def test_a_patient_has_five_tabs_and_the_current_one_is_marked(cast):
    page = cast.alice.client.get(reverse("diary:dose_new")).content.decode()
    assert tabs(page) == [("/", "Today"), (reverse("diary:dose_new"), "Log"), (reverse("reports:charts"), "Charts"),
                          (reverse("plans:mine"), "Plan"), (reverse("diary:more"), "More")]
    assert f'<a href="{reverse("diary:dose_new")}" class="tab tab-log" aria-current="page">Log</a>' in page
    assert f'href="{reverse("safety:rules")}"' not in page


def test_the_more_page_holds_everything_else(cast):
    page = cast.alice.client.get(reverse("diary:more")).content.decode()
    for name in ("diary:checkin_quick", "safety:alerts", "diary:timeline", "diary:products", "diary:medications",
                 "diary:labs", "diary:profile", "clinic:sharing", "audit:mine", "accounts:privacy",
                 "accounts:two_factor", "accounts:tokens", "accounts:password_change", "instruments:list"):
        assert f'href="{reverse(name)}"' in page, name
    # "What Speciosa watches" (safety:rules shows a patient the plain page); never the developers' rule document
    assert f'href="{reverse("safety:rules")}"' in page
    assert f'href="{reverse("safety:rule_document")}"' not in page
    assert '<button type="submit">Sign out</button>' in page


def test_a_clinician_keeps_the_top_bar_with_the_rule_document(cast):
    page = cast.bob.client.get(reverse("safety:rules")).content.decode()
    assert tabs(page) == []
    assert f'<li><a href="{reverse("safety:rules")}">Safety checks</a></li>' in page
