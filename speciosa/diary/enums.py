from django.db import models

from speciosa.core.units import Basis, Form, Unit


class ProductForm(models.TextChoices):
    POWDER = Form.POWDER.value, "Leaf powder"
    CAPSULE = Form.CAPSULE.value, "Capsules (leaf powder)"
    TABLET = Form.TABLET.value, "Tablets (leaf powder)"
    TEA = Form.TEA.value, "Tea (brewed leaf)"
    LIQUID_EXTRACT = Form.LIQUID_EXTRACT.value, "Liquid extract"
    POWDER_EXTRACT = Form.POWDER_EXTRACT.value, "Powder extract"
    SHOT = Form.SHOT.value, "Shot"
    SEVEN_OH = Form.SEVEN_OH.value, "Concentrated 7-OH product"


class DoseUnit(models.TextChoices):
    G = Unit.G.value, "g"
    MG = Unit.MG.value, "mg"
    CAPSULE = Unit.CAPSULE.value, "capsules"
    TABLET = Unit.TABLET.value, "tablets"
    ML = Unit.ML.value, "ml"


class ContentBasis(models.TextChoices):
    LAB = Basis.LAB.value, "Lab certificate"
    REPORTED = Basis.REPORTED.value, "Lab result, self-reported"
    LABEL = Basis.LABEL.value, "Label claim"
    DEFAULT = Basis.DEFAULT.value, "Documented default"


class VeinColour(models.TextChoices):
    RED = "red", "Red"
    GREEN = "green", "Green"
    WHITE = "white", "White"
    YELLOW = "yellow", "Yellow / gold"
    MIXED = "mixed", "Blend"
    UNKNOWN = "", "Not stated"


class DoseReason(models.TextChoices):
    PAIN = "pain", "Pain"
    ENERGY = "energy", "Energy"
    MOOD = "mood", "Mood"
    WITHDRAWAL = "withdrawal", "Withdrawal"
    SLEEP = "sleep", "Sleep"
    OTHER = "other", "Other"


class SideEffect(models.TextChoices):
    NAUSEA = "nausea", "Nausea"
    VOMITING = "vomiting", "Vomiting"
    CONSTIPATION = "constipation", "Constipation"
    DIZZINESS = "dizziness", "Dizziness"
    DROWSINESS = "drowsiness", "Drowsiness"
    ITCHING = "itching", "Itching"
    SWEATING = "sweating", "Sweating"
    LOSS_OF_APPETITE = "loss_of_appetite", "Loss of appetite"
    HEADACHE = "headache", "Headache"
    DRY_MOUTH = "dry_mouth", "Dry mouth"
    JAUNDICE = "jaundice", "Yellow skin or eyes (jaundice)"
    DARK_URINE = "dark_urine", "Dark urine"
    PALE_STOOLS = "pale_stools", "Pale stools"
    ABDOMINAL_PAIN = "abdominal_pain", "Abdominal pain"
    RIGHT_UPPER_ABDOMINAL_PAIN = "right_upper_abdominal_pain", "Pain under the right ribs (upper right belly)"
    FEVER = "fever", "Fever"
    CONFUSION = "confusion", "Confusion"
    PALPITATIONS = "palpitations", "Racing or irregular heartbeat"

    @classmethod
    def liver_warning_signs(cls) -> frozenset[str]:
        return frozenset({cls.JAUNDICE, cls.DARK_URINE, cls.PALE_STOOLS})


class WithdrawalSymptom(models.TextChoices):
    CRAVING = "craving", "Craving"
    RESTLESSNESS = "restlessness", "Restlessness"
    IRRITABILITY = "irritability", "Irritability or anger"
    ANXIETY = "anxiety", "Anxiety"
    MUSCLE_ACHES = "muscle_aches", "Muscle or bone aches"
    INSOMNIA = "insomnia", "Trouble sleeping"
    RUNNY_NOSE = "runny_nose", "Runny nose or watery eyes"
    HOT_COLD_FLASHES = "hot_cold_flashes", "Hot or cold flashes"
    DIARRHOEA = "diarrhoea", "Diarrhoea"
    LOW_MOOD = "low_mood", "Low mood"


class Grade(models.IntegerChoices):
    NONE = 0, "None"
    MILD = 1, "Mild"
    MODERATE = 2, "Moderate"
    SEVERE = 3, "Severe"


class LabCode(models.TextChoices):
    ALT = "ALT", "ALT (alanine aminotransferase)"
    AST = "AST", "AST (aspartate aminotransferase)"
    ALP = "ALP", "ALP (alkaline phosphatase)"
    TBIL = "TBIL", "Total bilirubin"
    GGT = "GGT", "GGT (gamma-glutamyl transferase)"
    INR = "INR", "INR"


class RevisionAction(models.TextChoices):
    CREATE = "create", "Created"
    UPDATE = "update", "Changed"
    DELETE = "delete", "Deleted"
