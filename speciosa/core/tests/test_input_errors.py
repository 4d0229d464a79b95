"""Several bad fields in one refusal: InputErrors behaves as its first error where one is expected, carries all."""

import pytest

from speciosa.core.errors import ErrorCollector, InputError, InputErrors, each_error


def _refuse(field: str) -> float:
    raise InputError(field, "is wrong")


def _refuse_two() -> float:
    raise InputErrors([InputError("b.x", "no"), InputError("b.y", "no")])


def test_a_collector_keeps_every_refusal_in_order_and_returns_the_values_that_passed():
    problems = ErrorCollector()
    values = [problems.check(lambda: 1.5), problems.check(lambda: _refuse("a")), problems.check(_refuse_two)]
    problems.add("c", "missing")
    assert values == [1.5, None, None]
    assert (problems.failed("b"), problems.failed("a"), problems.failed("d")) == (True, True, False)
    with pytest.raises(InputErrors) as raised:
        problems.raise_any()
    assert [(e.field, e.message) for e in raised.value.errors] == [
        ("a", "is wrong"), ("b.x", "no"), ("b.y", "no"), ("c", "missing")]
    assert (raised.value.field, raised.value.message, str(raised.value)) == ("a", "is wrong", "a: is wrong")


@pytest.mark.parametrize(("errors", "raised"), [([], None), ([InputError("a", "x")], InputError)])
def test_none_or_one_refusal_raises_nothing_or_the_plain_error(errors, raised):
    problems = ErrorCollector()
    problems.errors.extend(errors)
    if raised is None:
        problems.raise_any()
    else:
        with pytest.raises(InputError) as caught:
            problems.raise_any()
        assert type(caught.value) is InputError and each_error(caught.value) == (caught.value,)


def test_an_empty_group_is_a_programming_error():
    with pytest.raises(ValueError, match="at least one"):
        InputErrors([])
