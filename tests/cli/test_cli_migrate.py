import pytest

pytestmark = pytest.mark.django_db


def test_migrate_reports_an_up_to_date_database(speciosa):
    result = speciosa("migrate")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("The database is up to date (")
