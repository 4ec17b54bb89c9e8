from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models


class MergeLog(models.Model):
    """One merge of a duplicate record into a survivor: who, when, why, and which
    links were moved, so that the merge can be undone exactly."""

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    merged_id = models.PositiveBigIntegerField()
    survivor_id = models.PositiveBigIntegerField()
    reason = models.TextField()
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    created = models.DateTimeField(auto_now_add=True)
    moved = models.JSONField(default=dict, help_text="{'app.model.field': [pk, ...]} moved to the survivor.")
    undone = models.DateTimeField(null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-created"]

    def __str__(self):
        return f"{self.content_type.model} {self.merged_id} → {self.survivor_id}"


class DistinctRecords(models.Model):
    """A curator's statement that two similar records are NOT the same entity
    (Sedov and Sedova; two Kibalchiches), so that nobody merges them later."""

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    first_id = models.PositiveBigIntegerField()
    second_id = models.PositiveBigIntegerField()
    reason = models.TextField(blank=True)
    created = models.DateTimeField(auto_now_add=True)
    # Who decided; not in a release (user accounts are not), where the reason still
    # names them ("… (recorded by alice)").
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name_plural = "distinct records"
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "first_id", "second_id"], name="unique_distinct_pair"
            ),
        ]

    def __str__(self):
        return f"{self.content_type.model} {self.first_id} ≠ {self.second_id}"

    def save(self, *args, **kwargs):
        # Store each pair one way round, so that the uniqueness constraint catches repeats.
        self.first_id, self.second_id = sorted([self.first_id, self.second_id])
        super().save(*args, **kwargs)

    def clean(self):
        if self.first_id == self.second_id:
            raise ValidationError("A record is always the same as itself.")
