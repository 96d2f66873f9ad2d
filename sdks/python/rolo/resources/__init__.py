from .bulk import Bulk
from .contacts import Contacts
from .imports import Imports

__all__ = ["Bulk", "Contacts", "Imports"]
