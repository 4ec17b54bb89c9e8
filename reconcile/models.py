"""No tables of its own: a proxy model gives the bulk-matching page a place in the admin."""

from prosopography.models import Person


class CsvReconciliation(Person):
    class Meta:
        proxy = True
        verbose_name = "CSV reconciliation"
        verbose_name_plural = "CSV reconciliation (match a list of names)"
