"""The patient's record: products, doses, check-ins, medicines and lab results, with the history of every change."""
