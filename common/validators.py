"""Field validators shared by the prosopography and bibliography models.

`no_control_characters` keeps control characters out of names and titles. Text
digitised from old print (OCR, copy and paste from PDFs) brings vertical tabs,
form feeds, escape characters and the like; XML 1.0 cannot hold them at all, so a
single one would make every GEXF, GraphML and TEI export of the record ill-formed
(the writers also replace them, as a second line). Tab, line feed and carriage
return are allowed by XML, so they are left to the fields' other rules.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible

# C0 controls but \t \n \r, DEL, and the C1 controls (which XML 1.0 allows but
# discourages, and which in our sources are always mis-decoded bytes).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


@deconstructible
class NoControlCharacters:
    message = "Remove the control character {char} at position {position}: names cannot hold it."
    code = "control_character"

    def __call__(self, value):
        match = _CONTROL.search(value or "")
        if match:
            raise ValidationError(
                self.message.format(char=f"U+{ord(match.group()):04X}", position=match.start() + 1),
                code=self.code,
            )

    def __eq__(self, other):
        return isinstance(other, NoControlCharacters)

    def __hash__(self):
        return hash(self.code)


no_control_characters = NoControlCharacters()
