from .bulk import Bulk
from .contacts import Contacts
from .imports import Imports
from .segments import Segments
from .webhooks import Webhooks

__all__ = ["Bulk", "Contacts", "Imports", "Segments", "Webhooks"]
