"""The releases page: the releases written by `manage.py release` (dataset/release.py)
in RELEASES_DIR, newest first, with their files, sizes and checksums; and the files
themselves. Only files a release lists in its SHA256SUMS are served."""

from pathlib import Path

from django.http import FileResponse, Http404
from django.shortcuts import render

from common.releases import releases_dir


def _listed(root):
    """{file name: SHA-256} as the release's SHA256SUMS lists them."""
    sums = root / "SHA256SUMS"
    if not sums.is_file():
        return {}
    listed = {}
    for line in sums.read_text(encoding="utf-8").splitlines():
        digest, _, name = line.partition("  ")
        if name:
            listed[name] = digest
    return listed


def read_releases():
    base = releases_dir()
    found = []
    if base.is_dir():
        for root in sorted((p for p in base.iterdir() if p.is_dir()), key=lambda p: p.name, reverse=True):
            listed = _listed(root)
            if not listed:
                continue
            files = [
                {"name": name, "sha256": digest, "size": (root / name).stat().st_size}
                for name, digest in sorted(listed.items())
                if (root / name).is_file()
            ]
            found.append({"version": root.name, "files": files, "size": sum(f["size"] for f in files)})
    return found


def release_list(request):
    return render(request, "pages/releases.html", {"releases": read_releases()})


def release_file(request, version, name):
    root = releases_dir() / version
    if "/" in version or version.startswith(".") or name not in _listed(root):
        raise Http404("No such file in this release.")
    return FileResponse(open(root / name, "rb"), as_attachment=False, filename=Path(name).name)
