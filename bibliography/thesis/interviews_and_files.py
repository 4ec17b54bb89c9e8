"""Sections II and III: the interviews made for the thesis, and the US intelligence
files on Serge.  Each entry is one unpublished work; neither has editions.
"""

import re

from .dates import find_dates, span_of_dates
from .records import SERGE
from .section_reader import SectionReader
from .text import clean, clean_title


class Interviews(SectionReader):
    def read(self, entry, section):
        return self.interview(entry, section)

    def interview(self, entry, section):
        m = re.match(r"^([^,(]+?)\s*(?:,|\()\s*(.*)$", entry.text)
        if not m:
            return False
        name, rest = m.groups()
        interviewee = self.store.person(name)
        by = re.search(r"conducted by ([A-Z][\w.]*(?: [A-Z][\w.]*)+)", rest)
        interviewer = self.store.person(by.group(1)) if by else "weissman-susan"
        if not by:
            self.store.person("Susan Weissman")
        work = self.store.work(
            self.store.new_work_key(f"interview-{interviewee}"),
            f"Interview with {clean(name)}",
            "other",
            status="unpublished",
            written=span_of_dates(rest),
            description="Interview for the thesis"
            + (f"; {clean(m2.group(1))}" if (m2 := re.search(r"\(([^)]*wife[^)]*)\)", rest)) else ""),
            about=[interviewee],
        )
        self.store.contribute(interviewer, "author", work=work)
        return True


class IntelligenceFiles(SectionReader):
    def read(self, entry, section):
        return self.intelligence(entry, section)

    def intelligence(self, entry, section):
        text = entry.text
        dates = find_dates(text, month_first=True)
        title = clean_title(re.split(r",\s*(?=\d|[A-Z][a-z]{2}\.? \d)|;", text)[0])
        if re.match(r"^[\d\s.]+$|^\d{1,2} \w+", title) or re.match(r"^\d", title):
            title = clean_title(
                re.sub(r"^[^,]*\d{4},\s*|^\d[\d.]*,\s*", "", text).split(",")[0].split(";")[0]
            )
        work = self.store.work(
            self.store.new_work_key(f"intelligence-file-{entry.label}"),
            f"Intelligence file: {title}",
            "other",
            "en",
            status="unpublished",
            written=dates[0][0] if dates else "",
            description="US intelligence report on Serge, released under the Freedom of Information Act",
            about=[SERGE],
        )
        return bool(work)
