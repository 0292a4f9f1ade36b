"""Headless core of lkjip: records, persistence, the calculation engine. Never imports textual."""

from .models import Laporan
from .repository import Repository

__all__ = ["Laporan", "Repository"]
