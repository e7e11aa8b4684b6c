"""Typed CCA result codes, and the CcaWebApi envelope as typed objects.

>>> from cca_result_codes import ResultCode
>>> ResultCode(102).description
'Unknown token'
"""

from __future__ import annotations

from . import legacy
from .categories import Category
from .codes import ResultCode
from .versions import ServerVersion

__all__ = ["Category", "ResultCode", "ServerVersion", "legacy"]
__version__ = "0.1.0"
