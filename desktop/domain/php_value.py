"""PHP values as the editor holds them, for WordPress data it keeps without editing.

WordPress stores arrays as PHP `serialize()` text; the editor keeps what it does not edit
exactly as it was read (docs/wordpress.md). A PHP array is a Python dict in PHP's order whose
keys keep their PHP type (int or str), so `[0 => "a"]` and `["0" => "a"]` never meet: PHP
itself turns a numeric string key into an int, and the reader does the same. Scalars map to
None (`N`), bool (`b`), int (`i`), float (`d`) and str (`s`).
"""

from __future__ import annotations

from typing import TypeAlias

PhpArray: TypeAlias = "dict[int | str, PhpValue]"
PhpValue: TypeAlias = "bool | int | float | str | PhpArray | None"
