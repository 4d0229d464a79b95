import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from speciosa.core.errors import InputError
from speciosa.core.units import Basis, Form, ProductFacts, normalise_dose

LAB_POWDER = ProductFacts(Form.POWDER, mitragynine_content=15.0, hydroxymitragynine_content=0.1, content_basis=Basis.LAB)
DEFAULT_POWDER = ProductFacts(Form.POWDER)
CAPSULES = ProductFacts(Form.CAPSULE, unit_mass_g=0.5)
TEA = ProductFacts(Form.TEA)
LIQUID = ProductFacts(Form.LIQUID_EXTRACT, mitragynine_content=20.0, content_basis=Basis.LABEL)
SHOT = ProductFacts(Form.SHOT, mitragynine_content=2.66, hydroxymitragynine_content=0.05, content_basis=Basis.LAB)
POWDER_EXTRACT = ProductFacts(Form.POWDER_EXTRACT, mitragynine_content=133.0, content_basis=Basis.LAB)
SEVEN_OH_TABLET = ProductFacts(Form.SEVEN_OH, unit_mass_g=0.2, hydroxymitragynine_content=75.0,
                               mitragynine_content=5.0, content_basis=Basis.LABEL)
SEVEN_OH_UNLABELLED = ProductFacts(Form.SEVEN_OH, unit_mass_g=0.2)

# (product, amount, unit) -> (leaf-equivalent g, mitragynine mg, 7-OH mg, mitragynine basis, 7-OH basis)
CASES = [
    pytest.param(LAB_POWDER, 3, "g", (3.0, 45.0, 0.3, "lab", "lab"), id="lab-tested powder in grams"),
    pytest.param(LAB_POWDER, 2500, "mg", (2.5, 37.5, 0.25, "lab", "lab"), id="powder in mg"),
    pytest.param(DEFAULT_POWDER, 4, "g", (4.0, 53.2, 0.496, "default", "default"), id="untested powder uses default"),
    pytest.param(CAPSULES, 6, "capsule", (3.0, 39.9, 0.372, "default", "default"), id="capsules of 0.5 g"),
    pytest.param(TEA, 2, "g", (2.0, 26.6, 0.248, "default", "default"), id="tea counts leaf brewed"),
    pytest.param(LIQUID, 2, "ml", (40.0 / 13.3, 40.0, 40.0 * 0.124 / 13.3, "label", "default"),
                 id="liquid extract in ml, labelled"),
    pytest.param(SHOT, 10, "ml", (26.6 / 13.3, 26.6, 0.5, "lab", "lab"), id="lab-tested shot"),
    pytest.param(POWDER_EXTRACT, 0.5, "g", (5.0, 66.5, 0.5 * 133 * 0.124 / 13.3, "lab", "default"),
                 id="powder extract to leaf equivalent"),
    pytest.param(SEVEN_OH_TABLET, 1, "tablet", (None, 1.0, 15.0, "label", "label"), id="7-OH tablet: no leaf claim"),
    pytest.param(SEVEN_OH_UNLABELLED, 1, "tablet", (None, 1.2, 15.0, "default", "default"),
                 id="unlabelled 7-OH tablet uses measured upper bound"),
]


@pytest.mark.parametrize(("product", "amount", "unit", "expected"), CASES)
def test_it_normalises_a_dose(product, amount, unit, expected):
    dose = normalise_dose(product, amount, unit)
    leaf, mitragynine, hydroxy, mit_basis, oh_basis = expected
    if leaf is None:
        assert dose.leaf_equivalent_g is None
    else:
        assert dose.leaf_equivalent_g == pytest.approx(leaf, abs=1e-3)
    assert (dose.mitragynine_mg, dose.hydroxymitragynine_mg) == (pytest.approx(mitragynine, abs=1e-3),
                                                                 pytest.approx(hydroxy, abs=1e-3))
    assert (dose.mitragynine_basis.value, dose.hydroxymitragynine_basis.value) == (mit_basis, oh_basis)
    assert dose.is_7oh_product is (product.form is Form.SEVEN_OH)


BAD = [
    pytest.param(LAB_POWDER, -1, "g", "amount", "greater than 0", id="negative amount"),
    pytest.param(LAB_POWDER, 0, "g", "amount", "greater than 0", id="zero amount"),
    pytest.param(LAB_POWDER, 500, "g", "amount", "plausibly", id="500 g is absurd"),
    pytest.param(LAB_POWDER, True, "g", "amount", "expected a number", id="boolean is not a number"),
    pytest.param(LAB_POWDER, "3", "g", "amount", "expected a number", id="string is not a number"),
    pytest.param(LAB_POWDER, math.nan, "g", "amount", "finite", id="NaN"),
    pytest.param(LAB_POWDER, 2, "capsule", "unit", "does not fit form 'powder'", id="capsule of powder"),
    pytest.param(LAB_POWDER, 2, "spoon", "unit", "unknown unit", id="unknown unit"),
    pytest.param(LIQUID, 2, "g", "unit", "does not fit form 'liquid_extract'", id="grams of a liquid"),
    pytest.param(LIQUID, 900, "ml", "amount", "plausibly", id="900 ml is absurd"),
    pytest.param(ProductFacts(Form.CAPSULE), 2, "capsule", "product.unit_mass_g", "grams per capsule",
                 id="capsules without their mass"),
    pytest.param(ProductFacts(Form.SHOT), 10, "ml", "product.mitragynine_content", "no published default",
                 id="unlabelled extract"),
]


@pytest.mark.parametrize(("product", "amount", "unit", "field", "words"), BAD)
def test_it_rejects_bad_input_naming_the_field(product, amount, unit, field, words):
    with pytest.raises(InputError) as caught:
        normalise_dose(product, amount, unit)
    assert caught.value.field == field
    assert words in caught.value.message


amounts = st.floats(min_value=0.01, max_value=40, allow_nan=False)


@given(amounts, st.floats(min_value=1.1, max_value=2.5))
def test_normalisation_is_linear_in_amount(amount, factor):
    one = normalise_dose(LAB_POWDER, amount, "g")
    scaled = normalise_dose(LAB_POWDER, amount * factor, "g")
    assert scaled.leaf_equivalent_g == pytest.approx(one.leaf_equivalent_g * factor, rel=1e-3, abs=1e-3)
    assert scaled.mitragynine_mg == pytest.approx(one.mitragynine_mg * factor, rel=1e-3, abs=1e-3)


@given(st.floats(min_value=0.1, max_value=40, allow_nan=False))
def test_an_extract_counts_as_the_leaf_holding_the_same_mitragynine(mitragynine_mg):
    extract = ProductFacts(Form.POWDER_EXTRACT, mitragynine_content=1000.0, content_basis=Basis.LAB)
    dose = normalise_dose(extract, mitragynine_mg, "mg")
    assert dose.leaf_equivalent_g == pytest.approx(mitragynine_mg / 13.3, rel=1e-3, abs=1e-3)
