from django.db.models.signals import m2m_changed
from django.dispatch import receiver

from .models import Cell, Option


@receiver(m2m_changed, sender=Cell.options.through)
def keep_cell_options_in_dimension(sender, instance, action, reverse, pk_set, **kwargs):
    """Refuse, on every code path through the ORM, an option from another row."""
    if action != "pre_add" or not pk_set:
        return
    if reverse:  # option.cells.add(cell, ...): instance is the option
        cells = Cell.objects.filter(pk__in=pk_set).select_related("dimension")
        for cell in cells:
            cell.check_options([instance])
    else:
        instance.check_options(Option.objects.filter(pk__in=pk_set).select_related("dimension"))
